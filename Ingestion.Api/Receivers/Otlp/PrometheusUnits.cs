using System.Collections.Frozen;

namespace Ingestion.Api.Receivers.Otlp;

/// <summary>
/// OTLP units as Prometheus name suffixes (OpenTelemetry's Prometheus-compatibility rules): abbreviations become words,
/// <c>{annotations}</c> are dropped, <c>foo/bar</c> becomes <c>foo_per_bar</c>, and <c>1</c> is <c>ratio</c> on gauges.
/// </summary>
internal static class PrometheusUnits
{
    private static readonly FrozenDictionary<string, string> Units = new Dictionary<string, string>
    {
        ["d"] = "days", ["h"] = "hours", ["min"] = "minutes", ["s"] = "seconds", ["ms"] = "milliseconds",
        ["us"] = "microseconds", ["ns"] = "nanoseconds", ["By"] = "bytes", ["KiBy"] = "kibibytes", ["MiBy"] = "mebibytes",
        ["GiBy"] = "gibibytes", ["TiBy"] = "tibibytes", ["KBy"] = "kilobytes", ["MBy"] = "megabytes", ["GBy"] = "gigabytes",
        ["TBy"] = "terabytes", ["m"] = "meters", ["V"] = "volts", ["A"] = "amperes", ["J"] = "joules", ["W"] = "watts",
        ["g"] = "grams", ["Cel"] = "celsius", ["Hz"] = "hertz", ["%"] = "percent",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> PerUnits = new Dictionary<string, string>
    {
        ["s"] = "second", ["m"] = "minute", ["h"] = "hour", ["d"] = "day", ["w"] = "week", ["mo"] = "month", ["y"] = "year",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The suffix for <paramref name="unit"/> (without the leading <c>_</c>), or empty when there is none.</summary>
    public static string Suffix(string unit, bool isGauge)
    {
        var text = StripAnnotations(unit);
        if (text.Length == 0)
            return string.Empty;
        if (text == "1")
            return isGauge ? "ratio" : string.Empty;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
            return Word(text, Units);
        var left = Word(text[..slash], Units);
        var right = Word(text[(slash + 1)..], PerUnits);
        if (right.Length == 0)
            return left;
        return left.Length == 0 ? "per_" + right : left + "_per_" + right;
    }

    private static string Word(string unit, FrozenDictionary<string, string> words)
    {
        var trimmed = unit.Trim();
        return trimmed.Length == 0 ? string.Empty : words.TryGetValue(trimmed, out var word) ? word : PrometheusNames.Sanitize(trimmed, collapse: true);
    }

    private static string StripAnnotations(string unit)
    {
        if (!unit.Contains('{', StringComparison.Ordinal))
            return unit.Trim();
        var builder = new System.Text.StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            if (c == '{') depth++;
            else if (c == '}' && depth > 0) depth--;
            else if (depth == 0) builder.Append(c);
        }
        return builder.ToString().Trim();
    }
}
