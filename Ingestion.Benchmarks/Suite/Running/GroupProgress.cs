using Confluent.Kafka;

namespace Ingestion.Benchmarks.Suite.Running;

/// <summary>
/// How far a worker has got, read from its consumer group's committed offsets on the broker. The worker commits a record
/// only after its row's transaction committed, so this follows the rows without asking PostgreSQL: a <c>count(*)</c> over
/// millions of rows every half second took a fifth of a core from the database under measurement. One consumer that
/// never joins the group (the group id only selects whose offsets the broker returns), kept for the whole wait.
/// </summary>
internal sealed class GroupProgress : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly IConsumer<Ignore, Ignore> consumer;
    private readonly List<TopicPartition> partitions;

    public GroupProgress(string bootstrapServers, string group, string topic, int partitionCount)
    {
        consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers, GroupId = group, EnableAutoCommit = false, ClientId = "bench-progress",
        }).SetLogHandler((_, _) => { }).Build();
        partitions = [.. Enumerable.Range(0, partitionCount).Select(p => new TopicPartition(topic, p))];
    }

    /// <summary>Records committed by the group over every partition of the topic.</summary>
    public long Committed() => consumer.Committed(partitions, Timeout).Sum(o => o.Offset.IsSpecial ? 0 : o.Offset.Value);

    /// <summary>Polls until at least <paramref name="records"/> are committed or <paramref name="deadline"/> passes; returns the last count.</summary>
    public async Task<long> WaitForAsync(long records, DateTime deadline, TimeSpan interval)
    {
        long committed;
        while ((committed = await Task.Run(Committed)) < records && DateTime.UtcNow < deadline)
            await Task.Delay(interval);
        return committed;
    }

    public void Dispose() => consumer.Dispose();
}
