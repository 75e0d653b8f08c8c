using System.Text;
using Confluent.Kafka;
using Ingestion.Consumers.Statistics;
using Ingestion.Kafka.Embedded;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Worker;

/// <summary>
/// Issue 13's first repro: an id-less record, the broker restarted empty (offsets start again at 0), the database kept,
/// a second id-less record with the same key at the same offset.
/// </summary>
public sealed class Records_without_an_id_after_a_broker_restart
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Are_stored_although_the_new_broker_gives_them_the_offsets_of_stored_records()
    {
        var database = await TestInfrastructure.CreateDatabaseAsync("idless_restart");
        var topic = $"idless-{Guid.NewGuid():N}";

        await ConsumeOnAFreshBrokerAsync(topic, database, """{"name":"idless_probe","value":1}""");
        await ConsumeOnAFreshBrokerAsync(topic, database, """{"name":"idless_probe","value":2}""");

        Assert.That(await ValuesAsync(database), Is.EquivalentTo(new[] { 1.0, 2.0 }), "the second record is a new metric, not a redelivery");
    }

    private static async Task ConsumeOnAFreshBrokerAsync(string topic, string database, string json)
    {
        using var broker = EmbeddedKafkaBroker.Start(brokerCount: 1);
        broker.CreateTopic(topic, 1);
        broker.CreateTopic($"{topic}_dlq", 1);
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, Acks = Acks.All }).Build())
        {
            var delivery = await producer.ProduceAsync(topic, new Message<byte[], byte[]> { Key = "k1"u8.ToArray(), Value = Encoding.UTF8.GetBytes(json) });
            Assert.That(delivery.Offset.Value, Is.Zero, "a fresh broker starts the partition at offset 0");
        }
        var settings = new WorkerSettings(topic, $"{topic}-group", $"{topic}_dlq", database)
        {
            Overrides = { ["Kafka:BootstrapServers"] = broker.BootstrapServers },
        };
        await using var worker = await InProcessWorker.StartAsync(settings);
        var statistics = worker.Services.GetRequiredService<WorkerStatistics>();
        await Eventually.Until(() => statistics.Snapshot().Processed >= 1, Patience, "the worker consumed the record");
        await worker.StopAsync();
    }

    private static async Task<List<double>> ValuesAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT value FROM metrics_with_series WHERE name = 'idless_probe'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<double>();
        while (await reader.ReadAsync())
            values.Add(reader.GetDouble(0));
        return values;
    }
}
