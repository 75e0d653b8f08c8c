using Ingestion.Benchmarks.Suite.Report;
using Ingestion.Benchmarks.Suite.Running;

namespace Ingestion.Benchmarks.Suite.Phases;

/// <summary>Phase 2: the batch endpoint at 100 and 1,000 metrics per request (wrk, 8 connections).</summary>
internal sealed class ApiBatchPhase : IApiPhase
{
    private const int Connections = 8;

    public string Key => "api-batch";
    public string Title => "API, batch endpoint (closed loop, wrk, 8 connections)";

    public async Task<long> RunAsync(SuiteContext context, ServiceProcess api, Uri baseUrl, PhaseResult result)
    {
        long accepted = 0;
        var script = context.Script("batch.lua");
        for (var run = 1; run <= context.Plan.Repetitions; run++)
        {
            foreach (var size in context.Plan.BatchSizes)
            {
                context.Progress(Key, $"run {run}/{context.Plan.Repetitions}: {size} per request, {context.Plan.ApiSeconds} s");
                var cpu = api.CpuSeconds;
                var wrk = await WrkRunner.RunAsync(Connections, context.Plan.ApiSeconds, script, baseUrl.ToString(),
                    new Dictionary<string, string> { ["BATCH"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                var metrics = wrk.Requests * (double)size;
                accepted += wrk.Accepted * size;
                var b = $"b{size}";
                result.Measure($"{b}.mps", $"{size} per request: metrics/s", "metrics/s", true).Add(wrk.RequestsPerSecond * size);
                result.Measure($"{b}.p50", $"{size} per request: p50 per request", "ms", false).Add(wrk.P50);
                result.Measure($"{b}.p99", $"{size} per request: p99 per request", "ms", false).Add(wrk.P99);
                result.Measure($"{b}.cpu", $"{size} per request: API CPU per metric", "µs", false).Add((api.CpuSeconds - cpu) * 1e6 / Math.Max(1, metrics));
                result.Measure($"{b}.failed", $"{size} per request: non-2xx and socket errors", "requests", false).Add(wrk.Non2xx + wrk.SocketErrors);
                context.Progress(Key, $"  {wrk.RequestsPerSecond * size:F0} metrics/s");
            }
        }
        return accepted;
    }

    public string Method(SuiteContext context) =>
        $"`BATCH=1000 {WrkRunner.CommandLine(Connections, context.Plan.ApiSeconds, "benchmarks/api/batch.lua", "http://127.0.0.1:PORT")}` " +
        $"(and BATCH={string.Join(", ", context.Plan.BatchSizes)}); the body is built once, so wrk measures the server.";
}
