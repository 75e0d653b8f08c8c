using Ingestion.Benchmarks.Suite.Report;

namespace Ingestion.Tests.Benchmarks;

/// <summary>Small hand-made runs for the report and comparison tests.</summary>
internal static class SampleResults
{
    public static BenchResults Run(double requestsPerSecond, double p99, params IntegrityCheck[] checks)
    {
        var single = new PhaseResult { Key = "api-single", Title = "API, single metrics", Method = "`wrk -c64`" };
        single.Measure("c64.rps", "64 connections: requests/s", "req/s", higherIsBetter: true).Runs.AddRange([requestsPerSecond * 0.9, requestsPerSecond, requestsPerSecond * 1.1]);
        single.Measure("c64.p99", "64 connections: p99", "ms", higherIsBetter: false).Runs.AddRange([p99, p99 * 2, p99 / 2]);
        var results = new BenchResults
        {
            Mode = "quick",
            StartedAt = new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero),
            Commit = "abc1234",
            Machine = new MachineInfo { Cores = 2, MemoryGiB = 23.5, Os = "Debian 12", LoadBefore = "0.50, 0.40, 0.30", LoadAfter = "1.50, 0.90, 0.50" },
            Commands = { "./ingest bench --quick" },
            Phases = { single, new PhaseResult { Key = "receivers", Title = "Receivers", Skipped = "the API serves no receiver" } },
            Charts = { ["api-single:latency per connection count"] = "api-latency.png" },
        };
        results.Integrity.AddRange(checks);
        return results;
    }
}
