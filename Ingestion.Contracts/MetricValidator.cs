namespace Ingestion.Contracts;

/// <summary>
/// The one definition of a valid metric. Names and label keys follow Prometheus: <c>[a-zA-Z_:][a-zA-Z0-9_:.-]*</c>
/// (we also allow <c>.</c> and <c>-</c>, common in StatsD-style names).
/// </summary>
public static class MetricValidator
{
    /// <summary>Validates a metric against <see cref="MetricLimits"/>; an empty list means valid.</summary>
    /// <param name="metric">The metric to check.</param>
    /// <param name="now">The current time, for the timestamp window.</param>
    /// <param name="maxAge">The oldest accepted timestamp age; <see cref="MetricLimits.DefaultMaxAge"/> when null.</param>
    public static IReadOnlyList<MetricValidationError> Validate(MetricRecorded metric, DateTimeOffset now, TimeSpan? maxAge = null)
    {
        ArgumentNullException.ThrowIfNull(metric);
        List<MetricValidationError>? errors = null;

        void Add(string field, string message) => (errors ??= []).Add(new MetricValidationError(field, message));

        if (string.IsNullOrEmpty(metric.Name))
            Add("name", "name is required.");
        else if (metric.Name.Length > MetricLimits.MaxNameLength)
            Add("name", $"name must be at most {MetricLimits.MaxNameLength} characters (got {metric.Name.Length}).");
        else if (!IsValidName(metric.Name))
            Add("name", "name must start with a letter, '_' or ':' and contain only letters, digits, '_', ':', '.' or '-'.");

        if (!double.IsFinite(metric.Value))
            Add("value", "value must be a finite number (NaN and Infinity are rejected).");

        if (metric.Labels is { } labels)
        {
            if (labels.Count > MetricLimits.MaxLabels)
                Add("labels", $"at most {MetricLimits.MaxLabels} labels are allowed (got {labels.Count}).");
            foreach (var (key, value) in labels)
            {
                if (string.IsNullOrEmpty(key) || key.Length > MetricLimits.MaxLabelKeyLength || !IsValidName(key))
                    Add($"labels.{key}", $"label key must be 1 to {MetricLimits.MaxLabelKeyLength} characters of letters, digits, '_', ':', '.' or '-', starting with a letter, '_' or ':'.");
                if (value is null)
                    Add($"labels.{key}", "label value must be a string.");
                else if (value.Length > MetricLimits.MaxLabelValueLength)
                    Add($"labels.{key}", $"label value must be at most {MetricLimits.MaxLabelValueLength} characters (got {value.Length}).");
                else if (!IsStorableText(value))
                    Add($"labels.{key}", "label value must not contain U+0000 or an unpaired UTF-16 surrogate (PostgreSQL cannot store them).");
            }
        }

        if (metric.Timestamp is { } timestamp)
        {
            if (timestamp > now + MetricLimits.MaxFutureSkew)
                Add("timestamp", $"timestamp must not be more than {MetricLimits.MaxFutureSkew.TotalMinutes:0} minutes in the future.");
            else if (timestamp < now - (maxAge ?? MetricLimits.DefaultMaxAge))
                Add("timestamp", $"timestamp must not be older than {(maxAge ?? MetricLimits.DefaultMaxAge).TotalDays:0.##} days.");
        }

        return (IReadOnlyList<MetricValidationError>?)errors ?? [];
    }

    /// <summary>
    /// True when PostgreSQL can store <paramref name="text"/> in <c>text</c> and <c>jsonb</c>: no U+0000 and no unpaired
    /// UTF-16 surrogate (a string with one has no UTF-8 form). Names and label keys pass the stricter name rule instead.
    /// </summary>
    public static bool IsStorableText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan();
        if (span.Contains('\0'))
            return false;
        var at = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (at >= 0)
        {
            if (!char.IsHighSurrogate(span[at]) || at + 1 == span.Length || !char.IsLowSurrogate(span[at + 1]))
                return false;
            span = span[(at + 2)..];
            at = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        }
        return true;
    }

    /// <summary>True when <paramref name="name"/> matches the metric-name charset (length not checked).</summary>
    public static bool IsValidName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] is '_' or ':'))
            return false;
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' or '.' or '-'))
                return false;
        }
        return true;
    }
}
