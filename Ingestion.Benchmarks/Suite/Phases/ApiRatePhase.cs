using Ingestion.Benchmarks.Api;
using Ingestion.Benchmarks.Suite.Report;
using Ingestion.Benchmarks.Suite.Running;

namespace Ingestion.Benchmarks.Suite.Phases;

/// <summary>Phase 1b: single metrics at a fixed offered rate (open loop): latency from each request's scheduled start.</summary>
internal sealed class ApiRatePhase : IApiPhase
{
    public string Key => "api-rate";
    public string Title => "API, single metrics at a fixed offered rate (open loop)";

    public async Task<long> RunAsync(SuiteContext context, ServiceProcess api, Uri baseUrl, PhaseResult result)
    {
        long accepted = 0;
        var rate = context.Plan.OfferedRate;
        for (var run = 1; run <= context.Plan.Repetitions; run++)
        {
            context.Progress(Key, $"run {run}/{context.Plan.Repetitions}: {rate}/s offered for {context.Plan.RateSeconds} s");
            var measured = await ConstantRateLoad.MeasureAsync(new Uri(baseUrl, "api/v1/metrics"), rate, context.Plan.RateSeconds, warmup: run == 1 ? 2 : 0,
                connections: 64, name: "bench_rate");
            accepted += measured.Accepted;
            result.Measure("achieved", $"{rate:N0}/s offered: completed", "req/s", true).Add(measured.Completed / measured.ElapsedSeconds);
            result.Measure("p50", $"{rate:N0}/s offered: p50", "ms", false).Add(measured.P50);
            result.Measure("p90", $"{rate:N0}/s offered: p90", "ms", false).Add(measured.P90);
            result.Measure("p99", $"{rate:N0}/s offered: p99", "ms", false).Add(measured.P99);
            result.Measure("p999", $"{rate:N0}/s offered: p99.9", "ms", false).Add(measured.P999);
            result.Measure("max", $"{rate:N0}/s offered: max", "ms", false).Add(measured.Max);
            result.Measure("failed", $"{rate:N0}/s offered: not 202", "requests", false).Add(measured.NotAccepted + (measured.Rate * measured.Seconds - measured.Completed));
            context.Progress(Key, $"  p50 {measured.P50:F1} ms, p99 {measured.P99:F1} ms, {measured.Accepted} accepted");
        }
        return accepted;
    }

    public string Method(SuiteContext context) =>
        $"`dotnet Ingestion.Benchmarks.dll api-rate --rate {context.Plan.OfferedRate} --seconds {context.Plan.RateSeconds} --connections 64`: " +
        "requests scheduled at a fixed rate, latency measured from the scheduled start (no coordinated omission).";
}
