using System.Globalization;
using System.Net;
using Ingestion.Consumers.Statistics;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Worker;

/// <summary>
/// A database that answers but cannot take the rows (a renamed table, a revoked privilege) is not the records' fault: under
/// load, the worker holds them, says so (readiness, gauge), and stores each one once when the cause is fixed.
/// </summary>
public sealed class The_worker_on_an_infrastructure_fault
{
    private const int Total = 3_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Holds_every_record_while_the_table_is_renamed_and_stores_each_once_when_it_is_back()
    {
        var settings = await WorkerSettings.CreateAsync("fault-rename", partitions: 3);
        await RunFaultAsync(settings, settings.ConnectionString,
            "ALTER TABLE metrics RENAME TO metrics_hidden", "ALTER TABLE metrics_hidden RENAME TO metrics", "42P01");
    }

    [Test]
    public async Task Holds_every_record_while_insert_is_revoked_and_stores_each_once_when_it_is_granted_again()
    {
        var settings = await WorkerSettings.CreateAsync("fault-revoke", partitions: 3);
        var role = $"limited_{Guid.NewGuid():N}"[..20];
        var database = new NpgsqlConnectionStringBuilder(settings.ConnectionString).Database!;
        // The worker connects as an ordinary role that owns the database (a superuser ignores REVOKE).
        await ExecuteAsync(settings.ConnectionString, $"CREATE ROLE {role} LOGIN PASSWORD 'limited'; ALTER DATABASE \"{database}\" OWNER TO {role}");
        var limited = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Username = role, Password = "limited" }.ConnectionString;
        await RunFaultAsync(settings with { ConnectionString = limited }, settings.ConnectionString,
            $"REVOKE INSERT ON metrics FROM {role}", $"GRANT INSERT ON metrics TO {role}", "42501");
    }

    private static async Task RunFaultAsync(WorkerSettings settings, string admin, string breakIt, string fixIt, string sqlState)
    {
        await using var worker = await InProcessWorker.StartAsync(settings);
        var load = BackgroundLoad.Start(settings.Topic, "fault_probe", total: Total, chunk: 150, pause: TimeSpan.FromMilliseconds(50));
        await MetricsTable.WaitForCountAsync(admin, 150, Patience);

        await ExecuteAsync(admin, breakIt);
        var (status, reason) = await WaitForUnreadyAsync(worker);
        var blocked = await GaugeAsync(worker, "ingestion_worker_blocked_seconds");
        await Task.Delay(TimeSpan.FromSeconds(3)); // several redeliveries fail meanwhile; none may dead-letter
        await ExecuteAsync(admin, fixIt);

        await load.Completion;
        var rows = await MetricsTable.WaitForCountAsync(admin, Total, Patience);
        await Eventually.Until(() => ReadyAsync(worker).GetAwaiter().GetResult(), Patience, "the worker is ready again");
        var ids = await MetricsTable.IdsAsync(admin);
        var statistics = worker.Services.GetRequiredService<WorkerStatistics>().Snapshot();

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "unready while blocked");
            Assert.That(reason, Does.Contain(sqlState), "the readiness reason names the SQLSTATE");
            Assert.That(blocked, Is.GreaterThan(0), "the blocked gauge counts");
            Assert.That(rows, Is.EqualTo(Total), "every metric stored once");
            Assert.That(ids, Is.SupersetOf(load.SuppliedIds));
            Assert.That(statistics.DeadLettered, Is.Zero);
            Assert.That(RawTopic.ReadAll(settings.DeadLetterTopic, 0, TimeSpan.FromSeconds(2), TimeSpan.Zero), Is.Empty, "nothing dead-lettered");
        });
    }

    private static async Task<(HttpStatusCode Status, string Body)> WaitForUnreadyAsync(InProcessWorker worker)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await worker.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || DateTime.UtcNow > deadline)
                return (response.StatusCode, body);
            await Task.Delay(100);
        }
    }

    private static async Task<bool> ReadyAsync(InProcessWorker worker)
    {
        using var response = await worker.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task<double> GaugeAsync(InProcessWorker worker, string name)
    {
        var text = await worker.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal) && l.Length > name.Length && l[name.Length] is ' ' or '{');
        return line is null ? -1 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
