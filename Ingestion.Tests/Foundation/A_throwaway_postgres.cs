using System.Diagnostics;
using Ingestion.Tests.Support;
using Npgsql;

namespace Ingestion.Tests.Foundation;

public sealed class A_throwaway_postgres
{
    [Test]
    public async Task Stops_and_deletes_itself_once_the_process_that_owns_it_is_gone()
    {
        await using var server = await ThrowawayPostgres.StartAsync();
        using var owner = Process.Start("sleep", "2");
        server.StopWhenGone(owner.Id);
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
            await connection.OpenAsync();

        await owner.WaitForExitAsync();
        var deadline = Stopwatch.StartNew();
        while (server.Exists && deadline.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(200);

        Assert.That(server.Exists, Is.False, "the watchdog should have stopped the server and deleted its directory");
        NpgsqlConnection.ClearAllPools();
        await using var refused = new NpgsqlConnection(server.ConnectionString + ";Timeout=2");
        Assert.That(() => refused.OpenAsync(), Throws.InstanceOf<NpgsqlException>());
    }
}
