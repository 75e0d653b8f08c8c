using Confluent.Kafka;

namespace Ingestion.Tests.Support;

/// <summary>Reads what actually landed on a topic, from its beginning, with a fresh consumer group.</summary>
public static class TopicRecords
{
    public static Task<List<ConsumeResult<string, string>>> ReadAsync(string bootstrapServers, string topic, int count, TimeSpan? timeout = null) =>
        Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = $"api-tests-{Guid.NewGuid():N}",
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoCommit = false,
            }).Build();
            consumer.Subscribe(topic);
            var records = new List<ConsumeResult<string, string>>();
            var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
            while (records.Count < count && DateTime.UtcNow < deadline)
            {
                var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (record is not null && !record.IsPartitionEOF)
                    records.Add(record);
            }
            consumer.Close();
            return records;
        });

    public static string? Header(this ConsumeResult<string, string> record, string name) =>
        record.Message.Headers is { } headers && headers.TryGetLastBytes(name, out var bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : null;
}
