using Ingestion.Storage;
using Ingestion.Storage.Queries;
using Ingestion.Tests.Support;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Tests.Api;

/// <summary>The queries' pool cancels a statement that outlives <c>Storage:QueryTimeout</c> on the server.</summary>
public sealed class Querying_under_a_statement_timeout
{
    [Test]
    public async Task Cancels_a_statement_that_runs_longer_than_the_timeout()
    {
        var options = Options.Create(new StorageOptions { QueryTimeout = TimeSpan.FromMilliseconds(200) });
        await using var queries = new QueryDataSource(TestInfrastructure.PostgresConnectionString, options);
        await using var command = queries.DataSource.CreateCommand("SELECT pg_sleep(5)");

        var failure = Assert.ThrowsAsync<PostgresException>(() => command.ExecuteScalarAsync());

        Assert.That(failure!.SqlState, Is.EqualTo(PostgresErrorCodes.QueryCanceled));
    }
}
