namespace Ingestion.Benchmarks.Suite.Running;

/// <summary>Seconds all cores together have been busy and have existed since boot, at one moment (<c>/proc/stat</c>).</summary>
public readonly record struct MachineCpu(double Busy, double Total)
{
    /// <summary>The share of all cores (0-100) that was busy between <paramref name="earlier"/> and this reading.</summary>
    public double BusyPercentSince(MachineCpu earlier)
    {
        var total = Total - earlier.Total;
        return total > 0 ? 100 * (Busy - earlier.Busy) / total : 0;
    }
}
