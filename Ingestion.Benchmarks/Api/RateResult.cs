namespace Ingestion.Benchmarks.Api;

/// <summary>One open-loop run: what was offered, what completed, latency from each request's scheduled start (ms), statuses (0 = no answer).</summary>
internal sealed record RateResult(int Rate, int Seconds, int Completed, double ElapsedSeconds, double P50, double P90, double P99, double P999, double Max,
    Dictionary<int, int> Statuses)
{
    public int Accepted => Statuses.GetValueOrDefault(202);
    public int NotAccepted => Completed - Accepted;
}
