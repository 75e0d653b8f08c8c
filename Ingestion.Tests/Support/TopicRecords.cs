using Confluent.Kafka;

namespace Ingestion.Tests.Support;

/// <summary>Reads what actually landed on a topic, from its beginning (no group), as text.</summary>
public static class TopicRecords
{
    public static Task<List<ConsumeResult<string, string>>> ReadAsync(string bootstrapServers, string topic, int count, TimeSpan? timeout = null) =>
        ReadUntilAsync(bootstrapServers, topic, records => records.Count >= count, timeout);

    /// <summary>Reads until <paramref name="done"/> holds or the timeout passes; returns what was read either way.</summary>
    public static Task<List<ConsumeResult<string, string>>> ReadUntilAsync(
        string bootstrapServers, string topic, Func<List<ConsumeResult<string, string>>, bool> done, TimeSpan? timeout = null) =>
        Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = $"api-tests-{Guid.NewGuid():N}",
                EnableAutoCommit = false,
            }).Build();
            consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
            var records = new List<ConsumeResult<string, string>>();
            var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
            while (!done(records) && DateTime.UtcNow < deadline)
            {
                var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (record is { IsPartitionEOF: false })
                    records.Add(record);
            }
            return records;
        });

    public static string? Header(this ConsumeResult<string, string> record, string name) =>
        record.Message.Headers is { } headers && headers.TryGetLastBytes(name, out var bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : null;
}
