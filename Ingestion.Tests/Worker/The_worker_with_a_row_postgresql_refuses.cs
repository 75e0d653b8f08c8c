using System.Text.Json;
using Ingestion.Kafka.DeadLettering;
using Npgsql;

namespace Ingestion.Tests.Worker;

/// <summary>
/// A row PostgreSQL refuses for its data (SQLSTATE 23514 from a trigger) in a full window: the worker's write fails as the
/// record's fault, the rider splits the window until the row stands alone and dead-letters it, and every neighbour is stored
/// and rolled up exactly once.
/// </summary>
public sealed class The_worker_with_a_row_postgresql_refuses
{
    private const int Window = 1_000;
    private const int Poison = 613;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Test]
    public async Task Stores_the_other_999_once_and_dead_letters_the_row_with_its_sqlstate_after_one_attempt()
    {
        var settings = await WorkerSettings.CreateAsync("worker-refused-row", partitions: 1);
        settings.Overrides["Worker:BatchSize"] = Window.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var worker = await InProcessWorker.StartAsync(settings);
        await RefusingRowsByName.InstallWhenMigratedAsync(settings.ConnectionString, "refused_row", Patience);

        await RawTopic.ProduceAsync(settings.Topic, Enumerable.Range(0, Window).Select(i => RawTopic.Metric(i == Poison ? "refused_row" : "beside_refused", i)));

        var stored = await MetricsTable.WaitForCountAsync(settings.ConnectionString, Window - 1, Patience, "beside_refused");
        var deadLetters = RawTopic.ReadAll(settings.DeadLetterTopic, 1, Patience, TimeSpan.FromSeconds(2))
            .Select(r => JsonSerializer.Deserialize<DeadLetterRecord>(r.Message.Value)!)
            .ToList();

        Assert.Multiple(async () =>
        {
            Assert.That(stored, Is.EqualTo(Window - 1), "every good neighbour stored once");
            Assert.That(await RolledUpAsync(settings.ConnectionString, "beside_refused"), Is.EqualTo(Window - 1), "rolled up once");
            Assert.That(await MetricsTable.CountAsync(settings.ConnectionString, "refused_row"), Is.Zero);
            Assert.That(deadLetters, Has.Count.EqualTo(1));
            Assert.That(deadLetters[0].Offset, Is.EqualTo(Poison));
            Assert.That(deadLetters[0].Reason, Is.EqualTo(DeadLetterReasons.Exhausted));
            Assert.That(deadLetters[0].Error, Does.Contain("23514").And.Contain("refused by the test"));
            Assert.That(deadLetters[0].ErrorType, Does.Contain(nameof(PostgresException)));
            // One real attempt: the window's own delivery; the re-dispatches that isolate the row are not attempts.
            Assert.That(deadLetters[0].Attempts, Is.EqualTo(1));
        });
    }

    private static async Task<long> RolledUpAsync(string connectionString, string name)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(sum(r.count), 0)::bigint FROM rollup_1m r JOIN series s ON s.id = r.series_id WHERE s.name = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
