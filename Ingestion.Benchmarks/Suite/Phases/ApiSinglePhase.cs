using Ingestion.Benchmarks.Suite.Report;
using Ingestion.Benchmarks.Suite.Running;

namespace Ingestion.Benchmarks.Suite.Phases;

/// <summary>Phase 1a: one metric per request with wrk at 16, 64 and 256 connections: requests/s, latency, API CPU per request.</summary>
internal sealed class ApiSinglePhase : IApiPhase
{
    public string Key => "api-single";
    public string Title => "API, single metrics (closed loop, wrk)";

    public async Task<long> RunAsync(SuiteContext context, ServiceProcess api, Uri baseUrl, PhaseResult result)
    {
        long accepted = 0;
        var script = context.Script("single.lua");
        for (var run = 1; run <= context.Plan.Repetitions; run++)
        {
            foreach (var connections in context.Plan.Connections)
            {
                context.Progress(Key, $"run {run}/{context.Plan.Repetitions}: {connections} connections, {context.Plan.ApiSeconds} s");
                var cpu = api.CpuSeconds;
                var wrk = await WrkRunner.RunAsync(connections, context.Plan.ApiSeconds, script, baseUrl.ToString());
                var cpuMicros = (api.CpuSeconds - cpu) * 1e6 / Math.Max(1, wrk.Requests);
                accepted += wrk.Accepted;
                var c = $"c{connections}";
                result.Measure($"{c}.rps", $"{connections} connections: requests/s", "req/s", true).Add(wrk.RequestsPerSecond);
                result.Measure($"{c}.p50", $"{connections} connections: p50", "ms", false).Add(wrk.P50);
                result.Measure($"{c}.p90", $"{connections} connections: p90", "ms", false).Add(wrk.P90);
                result.Measure($"{c}.p99", $"{connections} connections: p99", "ms", false).Add(wrk.P99);
                result.Measure($"{c}.max", $"{connections} connections: max", "ms", false).Add(wrk.Max);
                result.Measure($"{c}.cpu", $"{connections} connections: API CPU per request", "µs", false).Add(cpuMicros);
                result.Measure($"{c}.failed", $"{connections} connections: non-2xx and socket errors", "requests", false).Add(wrk.Non2xx + wrk.SocketErrors);
                context.Progress(Key, $"  {wrk.RequestsPerSecond:F0} req/s, p99 {wrk.P99:F1} ms, {cpuMicros:F0} µs API CPU/request");
            }
        }
        return accepted;
    }

    public string Method(SuiteContext context) =>
        $"`{WrkRunner.CommandLine(64, context.Plan.ApiSeconds, "benchmarks/api/single.lua", "http://127.0.0.1:PORT")}` with -c " +
        $"{string.Join(", ", context.Plan.Connections)}; wrk runs on the same cores as the API and the broker. " +
        "API CPU per request is the API process's CPU time (/proc) over the requests answered.";
}
