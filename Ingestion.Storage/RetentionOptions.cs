namespace Ingestion.Storage;

/// <summary>Settings under <c>Storage:Retention</c>: how long each resolution is kept (<c>0</c> keeps it forever).</summary>
public sealed class RetentionOptions
{
    /// <summary>Raw rows; keep <c>Api:MaxMetricAge</c> and <c>Worker:MaxMetricAge</c> at or below it.</summary>
    public TimeSpan Raw { get; set; } = TimeSpan.FromDays(7);

    /// <summary>1-minute rollups; zero or at least <see cref="Raw"/>.</summary>
    public TimeSpan Minute { get; set; } = TimeSpan.FromDays(30);

    /// <summary>1-hour rollups; zero or at least <see cref="Minute"/>.</summary>
    public TimeSpan Hour { get; set; } = TimeSpan.FromDays(400);

    /// <summary>Whether the worker runs the retention job (partitions ahead, expired ones dropped).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the job runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many days of partitions the job creates ahead of today.</summary>
    public int DaysAhead { get; set; } = 3;

    /// <summary>The settings' own consistency, and the edge's maximum metric age against raw retention; null when fine.</summary>
    public string? Problem(TimeSpan? apiMaxMetricAge, TimeSpan? workerMaxMetricAge)
    {
        if (Raw < TimeSpan.Zero || Minute < TimeSpan.Zero || Hour < TimeSpan.Zero || Interval <= TimeSpan.Zero || DaysAhead < 1)
            return "Storage:Retention values must not be negative, Interval must be positive and DaysAhead at least 1.";
        if (!Covers(Minute, Raw) || !Covers(Hour, Minute))
            return "Storage:Retention:Minute must be 0 (forever) or at least Raw, and Hour 0 or at least Minute: rollups must outlive what they summarise.";
        foreach (var (name, age) in new[] { ("Api:MaxMetricAge", apiMaxMetricAge), ("Worker:MaxMetricAge", workerMaxMetricAge) })
        {
            if (age is { } maxAge && Raw > TimeSpan.Zero && maxAge > Raw)
                return $"{name} ({maxAge}) is longer than Storage:Retention:Raw ({Raw}): metrics the edge accepts would land in partitions retention already dropped.";
        }
        return null;
    }

    private static bool Covers(TimeSpan longer, TimeSpan shorter) =>
        longer == TimeSpan.Zero || (shorter != TimeSpan.Zero && longer >= shorter);
}
