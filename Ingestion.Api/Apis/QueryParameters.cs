using System.Globalization;
using System.Text.RegularExpressions;
using Ingestion.Api.Parsing;
using Ingestion.Contracts;

namespace Ingestion.Api.Apis;

/// <summary>Parsing of query-string values, each failure recorded against its parameter name.</summary>
internal static partial class QueryParameters
{
    /// <summary>Times outside these bounds are refused: no metric is older, and range arithmetic near .NET's limits overflows.</summary>
    public static readonly DateTimeOffset EarliestTime = DateTimeOffset.UnixEpoch;

    public static readonly DateTimeOffset LatestTime = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset? Time(string? text, string parameter, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        if (DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            && IsoTime.HasOffset(text))
        {
            if (value >= EarliestTime && value < LatestTime)
                return value;
            errors.Add(parameter, $"{parameter} must lie from 1970-01-01T00:00:00Z up to 9999-01-01T00:00:00Z.");
            return null;
        }
        errors.Add(parameter, $"{parameter} must be an ISO-8601 time with offset, for example 2025-01-27T10:30:00Z.");
        return null;
    }

    /// <summary>A free-text value (a metric name): null when absent or empty; refused when PostgreSQL could not take it.</summary>
    public static string? Text(string? text, string parameter, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        if (MetricValidator.IsStorableText(text))
            return text;
        errors.Add(parameter, $"{parameter} must not contain U+0000 (%00).");
        return null;
    }

    /// <summary>Parses <c>label=key:value</c> pairs (split at the first colon); every pair must match.</summary>
    public static Dictionary<string, string> Labels(string[]? pairs, FieldErrors errors)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (!MetricValidator.IsStorableText(pair))
                errors.Add("label", "a label filter must not contain U+0000 (%00).");
            else if (colon <= 0 || !labels.TryAdd(pair[..colon], pair[(colon + 1)..]))
                errors.Add("label", $"'{pair}' is not a key:value filter (each key at most once), for example label=host:server-01.");
        }
        return labels;
    }

    public static int Limit(string? text, int defaultLimit, int maxLimit, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(text))
            return defaultLimit;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= maxLimit)
            return limit;
        errors.Add("limit", $"limit must be a whole number from 1 to {maxLimit}.");
        return defaultLimit;
    }

    /// <summary>Windows such as <c>30s</c>, <c>1m</c>, <c>15m</c>, <c>1h</c>, <c>1d</c>: from 1 second to 31 days.</summary>
    public static TimeSpan? Window(string? text, FieldErrors errors)
    {
        var match = WindowPattern().Match(text ?? "1m");
        if (match.Success && long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            var window = match.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
            if (window >= TimeSpan.FromSeconds(1) && window <= TimeSpan.FromDays(31))
                return window;
        }
        errors.Add("window", "window must be a number and a unit (s, m, h or d) from 1s to 31d, for example 1m.");
        return null;
    }

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
    ];

    [GeneratedRegex("^([0-9]{1,6})(s|m|h|d)$", RegexOptions.CultureInvariant)]
    private static partial Regex WindowPattern();
}
