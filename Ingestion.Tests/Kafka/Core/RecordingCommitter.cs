using Confluent.Kafka;
using Ingestion.Kafka.Consuming;

namespace Ingestion.Tests.Kafka.Core;

/// <summary>An offset committer that records every commit and can fail the next few.</summary>
internal sealed class RecordingCommitter : IOffsetCommitter
{
    private readonly Lock gate = new();

    public List<IReadOnlyList<TopicPartitionOffset>> Commits { get; } = [];

    public int FailuresAhead { get; set; }

    public void Commit(IReadOnlyList<TopicPartitionOffset> offsets)
    {
        lock (gate)
        {
            if (FailuresAhead > 0)
            {
                FailuresAhead--;
                throw new KafkaException(ErrorCode.RebalanceInProgress);
            }
            Commits.Add([.. offsets]);
        }
    }

    public IEnumerable<string> Committed => Commits.SelectMany(c => c).Select(o => $"{o.Partition.Value}@{o.Offset.Value}");
}
