using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Ingestion.Kafka.DeadLettering;

/// <summary>
/// The replay headers a record replayed from a dead-letter topic carries: where it came from
/// (<see cref="DeadLetterHeaders.ReplayedFrom"/>, <c>dlq-topic:partition:offset</c>) and how many times it has been replayed
/// (<see cref="DeadLetterHeaders.ReplayCount"/>). Written by the replay tool, read by the worker (ids) and the dead-letter record.
/// </summary>
public static class ReplayHeaders
{
    /// <summary>Marks <paramref name="headers"/> as a replay of the dead-letter record at <paramref name="partition"/>/<paramref name="offset"/>.</summary>
    public static void Stamp(Headers headers, string deadLetterTopic, int partition, long offset, int replayCount)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.Add(DeadLetterHeaders.ReplayedFrom, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{deadLetterTopic}:{partition}:{offset}")));
        headers.Add(DeadLetterHeaders.ReplayCount, Encoding.UTF8.GetBytes(replayCount.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The dead-letter record a replayed record came from; false for a record that is not a replay (or a malformed header).</summary>
    public static bool TryGetOrigin(Headers? headers, out string topic, out int partition, out long offset)
    {
        topic = string.Empty;
        partition = 0;
        offset = 0;
        if (headers is null || !headers.TryGetLastBytes(DeadLetterHeaders.ReplayedFrom, out var bytes)) return false;
        var text = Encoding.UTF8.GetString(bytes);
        var offsetAt = text.LastIndexOf(':');
        var partitionAt = offsetAt > 0 ? text.LastIndexOf(':', offsetAt - 1) : -1;
        if (partitionAt <= 0
            || !int.TryParse(text.AsSpan(partitionAt + 1, offsetAt - partitionAt - 1), NumberStyles.None, CultureInfo.InvariantCulture, out partition)
            || !long.TryParse(text.AsSpan(offsetAt + 1), NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            return false;
        topic = text[..partitionAt];
        return true;
    }

    /// <summary>How many times a record has been replayed (0 for a first failure or a malformed header).</summary>
    public static int ReplayCount(Headers? headers) =>
        headers is not null && headers.TryGetLastBytes(DeadLetterHeaders.ReplayCount, out var bytes)
            && int.TryParse(Encoding.UTF8.GetString(bytes), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 0;
}
