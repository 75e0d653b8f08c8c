using Ingestion.Tests.Support;
using Npgsql;

namespace Ingestion.Tests.Foundation;

[TestFixture]
public sealed class The_throwaway_postgres
{
    [Test]
    public async Task Answers_a_query_in_a_fresh_database()
    {
        var connectionString = await TestInfrastructure.CreateDatabaseAsync("foundation");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database(), split_part(version(), ' ', 2)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(reader.GetString(0), Does.StartWith("foundation_"));
            Assert.That(reader.GetString(1), Does.StartWith("1"));
        });
    }
}
