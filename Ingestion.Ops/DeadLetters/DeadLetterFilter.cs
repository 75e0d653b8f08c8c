namespace Ingestion.Ops.DeadLetters;

/// <summary>The selection shared by <c>dlq list</c> and <c>dlq replay</c>; null criteria match everything.</summary>
internal sealed record DeadLetterFilter(string? Reason, string? ErrorContains, string? Name, DateTimeOffset? Since, DateTimeOffset? Until)
{
    public bool Matches(DeadLetterEntry entry)
    {
        var record = entry.Record;
        if (Reason is not null && !string.Equals(record?.Reason, Reason, StringComparison.OrdinalIgnoreCase)) return false;
        if (ErrorContains is not null && !(record?.Error ?? entry.ReadError ?? "").Contains(ErrorContains, StringComparison.OrdinalIgnoreCase)) return false;
        if (Name is not null && !string.Equals(entry.MetricName, Name, StringComparison.Ordinal)) return false;
        if (Since is { } since && entry.DeadLetteredAt < since) return false;
        if (Until is { } until && entry.DeadLetteredAt >= until) return false;
        return true;
    }
}
