using System.Globalization;

namespace Ingestion.Ops.DeadLetters;

/// <summary>A <c>partition:offset</c> on the dead-letter topic, as operators type it.</summary>
internal readonly record struct DeadLetterPosition(int Partition, long Offset)
{
    public static DeadLetterPosition Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return new DeadLetterPosition(partition, offset);
        }
        throw new OpsException($"'{text}' is not a DLQ position: expected partition:offset with two non-negative whole numbers, for example 0:42.");
    }

    public override string ToString() => $"{Partition}:{Offset}";
}
