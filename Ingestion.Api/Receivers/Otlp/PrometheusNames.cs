namespace Ingestion.Api.Receivers.Otlp;

/// <summary>
/// OpenTelemetry's Prometheus-compatibility naming: metric names and label keys keep <c>[a-zA-Z0-9_:]</c> (label keys
/// without <c>:</c>); anything else becomes <c>_</c>, runs of <c>_</c> in metric names collapse to one, a leading digit
/// gets a prefix (<c>_</c> on names, <c>key_</c> on label keys); then the unit suffix and, for monotonic sums, <c>_total</c>.
/// </summary>
internal static class PrometheusNames
{
    private const int MaxCachedKeyLength = 128;
    private static readonly LabelKeyEntry?[] LabelKeys = new LabelKeyEntry?[1024];

    /// <summary>The Prometheus name of an OTLP metric: sanitised name, unit suffix, then <c>_total</c> for monotonic sums.</summary>
    public static string Metric(string name, string unit, bool isGauge, bool isMonotonicSum)
    {
        var result = Sanitize(name, collapse: true);
        if (result.Length > 0 && char.IsAsciiDigit(result[0]))
            result = "_" + result;
        var suffix = PrometheusUnits.Suffix(unit, isGauge);
        if (suffix.Length > 0 && !HasToken(result, suffix))
            result = result.Length == 0 ? suffix : result + "_" + suffix;
        if (isMonotonicSum && !result.EndsWith("_total", StringComparison.Ordinal))
            result += "_total";
        return result;
    }

    /// <summary>
    /// A label key under the Prometheus rules (also ours): <c>http.route</c> becomes <c>http_route</c>. Keys that change are
    /// remembered (lossy, lock-free: a slot holds the last key hashed to it), so the same dotted key on every point of every
    /// export is sanitised once.
    /// </summary>
    public static string LabelKey(string key)
    {
        if (IsClean(key, allowColon: false) && !(key.Length > 0 && char.IsAsciiDigit(key[0])))
            return key;
        var slot = (int)((uint)key.GetHashCode() % (uint)LabelKeys.Length);
        if (Volatile.Read(ref LabelKeys[slot]) is { } cached && cached.Key == key)
            return cached.Label;
        var result = Sanitize(key, collapse: false, allowColon: false);
        result = result.Length > 0 && char.IsAsciiDigit(result[0]) ? "key_" + result : result;
        if (key.Length <= MaxCachedKeyLength)
            Volatile.Write(ref LabelKeys[slot], new LabelKeyEntry(key, result));
        return result;
    }

    /// <summary>Replaces every character outside <c>[a-zA-Z0-9_:]</c> with <c>_</c>.</summary>
    public static string Sanitize(string text, bool collapse, bool allowColon = true)
    {
        if (IsClean(text, allowColon) && !(collapse && text.Contains("__", StringComparison.Ordinal)))
            return text;

        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            var next = IsAllowed(c, allowColon) ? c : '_';
            if (collapse && next == '_' && builder.Length > 0 && builder[^1] == '_')
                continue;
            builder.Append(next);
        }
        return builder.ToString();
    }

    private static bool IsClean(string text, bool allowColon)
    {
        foreach (var c in text)
        {
            if (!IsAllowed(c, allowColon))
                return false;
        }
        return true;
    }

    private static bool IsAllowed(char c, bool allowColon) => char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');

    private static bool HasToken(string name, string suffix) =>
        name.EndsWith("_" + suffix, StringComparison.Ordinal) || name.Contains("_" + suffix + "_", StringComparison.Ordinal) || name == suffix;
}
