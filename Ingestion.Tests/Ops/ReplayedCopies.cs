using System.Text;
using Confluent.Kafka;
using Ingestion.Consumers.Statistics;
using Ingestion.Kafka.DeadLettering;

namespace Ingestion.Tests.Ops;

/// <summary>What the replay tests send and wait for: copies of a dead letter replayed onto the topic, as the ops tool writes them.</summary>
internal static class ReplayedCopies
{
    /// <summary>The headers of a first replay of the dead letter at <paramref name="from"/> (<c>topic:partition:offset</c>).</summary>
    public static Headers From(string from) => new()
    {
        { DeadLetterHeaders.ReplayedFrom, Encoding.UTF8.GetBytes(from) },
        { DeadLetterHeaders.ReplayCount, "1"u8.ToArray() },
    };

    /// <summary>Waits until the worker has consumed <paramref name="count"/> records or <paramref name="patience"/> passes.</summary>
    public static async Task WaitForProcessedAsync(WorkerStatistics statistics, long count, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (statistics.Snapshot().Processed < count && DateTime.UtcNow < deadline)
            await Task.Delay(100);
    }
}
