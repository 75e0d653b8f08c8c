using System.Diagnostics;
using Ingestion.Benchmarks.Suite.Report;
using Ingestion.Benchmarks.Suite.Running;
using Ingestion.Tests.Support;
using Npgsql;

namespace Ingestion.Tests.Benchmarks;

[TestFixture]
public sealed class Accounting_where_the_cpu_went
{
    [Test]
    public void Counts_this_process_and_the_machine_busy_while_a_thread_spins()
    {
        var (ownBefore, machineBefore) = (ProcFs.CpuSeconds(Environment.ProcessId), ProcFs.MachineCpuSeconds());
        Spin(TimeSpan.FromMilliseconds(400));
        var (ownAfter, machineAfter) = (ProcFs.CpuSeconds(Environment.ProcessId), ProcFs.MachineCpuSeconds());

        Assert.Multiple(() =>
        {
            Assert.That(ownAfter - ownBefore, Is.GreaterThanOrEqualTo(0.3), "this process's CPU seconds");
            Assert.That(machineAfter.Busy - machineBefore.Busy, Is.GreaterThanOrEqualTo(0.3), "the machine's busy seconds");
            Assert.That(machineAfter.Total - machineBefore.Total, Is.GreaterThanOrEqualTo(machineAfter.Busy - machineBefore.Busy));
        });
    }

    [Test]
    public async Task Counts_a_postgresql_servers_cpu_including_backends_that_have_exited()
    {
        PostgresCpu server;
        try
        {
            server = await PostgresCpu.FindAsync(TestInfrastructure.PostgresConnectionString);
        }
        catch (IOException)
        {
            Assert.Ignore("The test PostgreSQL server does not run on this machine (INGESTION_POSTGRES points elsewhere).");
            return;
        }
        var before = server.CpuSeconds();

        // A query that keeps its backend busy for a few hundred ms, on a connection that is then really closed.
        var builder = new NpgsqlConnectionStringBuilder(TestInfrastructure.PostgresConnectionString) { Pooling = false };
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT sum(i * 2) FROM generate_series(1, 6000000) AS i", connection);
            await command.ExecuteScalarAsync();
        }
        await Task.Delay(300); // the postmaster reaps the backend

        Assert.That(server.CpuSeconds() - before, Is.GreaterThanOrEqualTo(0.2));
    }

    [Test]
    public void Records_each_parts_cpu_per_metric_and_the_machines()
    {
        var seconds = 10.0;
        var ledger = new CpuLedger().Add("postgres", "PostgreSQL", () => seconds);
        var result = new PhaseResult { Key = "phase", Title = "a phase" };

        var start = ledger.Read();
        seconds += 0.5;
        Spin(TimeSpan.FromMilliseconds(100));
        ledger.Record(result, start, ledger.Read(), metrics: 100_000);

        Assert.Multiple(() =>
        {
            Assert.That(result.Measures.Select(m => m.Key), Is.EqualTo(new[] { "cpu.postgres", "cpu.machine", "cpu.busy" }));
            Assert.That(result.Measures[0].Label, Is.EqualTo("PostgreSQL CPU per metric"));
            Assert.That(result.Measures[0].Runs.Single(), Is.EqualTo(5.0).Within(1e-9), "0.5 s over 100,000 metrics is 5 µs each");
            Assert.That(result.Measures[1].Runs.Single(), Is.GreaterThan(0));
            Assert.That(result.Measures[2].Runs.Single(), Is.InRange(0.0, 100.0));
        });
    }

    private static void Spin(TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        var x = 0L;
        while (watch.Elapsed < duration) x += watch.ElapsedTicks % 7;
        GC.KeepAlive(x);
    }
}
