namespace Ingestion.Storage.Queries;

/// <summary>Where an aggregate is computed: raw rows, or the 1-minute or 1-hour rollups.</summary>
public sealed record AggregateResolution(string Name, TimeSpan? Bucket, string? Table)
{
    public static readonly AggregateResolution Raw = new("raw", null, null);

    public static readonly AggregateResolution Minute = new("1m", TimeSpan.FromMinutes(1), "rollup_1m");

    public static readonly AggregateResolution Hour = new("1h", TimeSpan.FromHours(1), "rollup_1h");

    /// <summary>
    /// The coarsest resolution that answers <paramref name="query"/> exactly: every bucket must fall wholly inside the
    /// range and inside one window, so the window must be a multiple of the bucket and the range's ends aligned to it
    /// (windows are aligned to the Unix epoch, as buckets are). Percentiles need every sample: raw rows.
    /// </summary>
    public static AggregateResolution For(AggregateQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Functions.Any(f => f.Percentile is not null))
            return Raw;
        foreach (var resolution in new[] { Hour, Minute })
        {
            var bucket = resolution.Bucket!.Value;
            if (query.Window.Ticks % bucket.Ticks == 0 && Aligned(query.From, bucket) && Aligned(query.To, bucket))
                return resolution;
        }
        return Raw;
    }

    private static bool Aligned(DateTimeOffset time, TimeSpan bucket) =>
        (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) % bucket.Ticks == 0;
}
