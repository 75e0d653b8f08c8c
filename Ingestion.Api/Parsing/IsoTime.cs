namespace Ingestion.Api.Parsing;

internal static class IsoTime
{
    /// <summary>True when an ISO-8601 date-time names its offset (Z or ±hh:mm): we never guess a client's time zone.</summary>
    public static bool HasOffset(string text)
    {
        var time = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (time < 0)
            return false;
        var tail = text.AsSpan(time);
        return tail.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || tail.IndexOfAny('+', '-') >= 0;
    }
}
