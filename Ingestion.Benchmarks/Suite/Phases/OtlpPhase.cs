using System.Globalization;
using System.Text;
using Ingestion.Benchmarks.Suite.Report;
using Ingestion.Benchmarks.Suite.Running;

namespace Ingestion.Benchmarks.Suite.Phases;

/// <summary>
/// Phase 2b: the OTLP/HTTP receiver (<c>POST /v1/metrics</c>, JSON encoding) with 100 gauge points per export request.
/// Skipped when the API does not serve the endpoint. (Prometheus remote write needs snappy-compressed protobuf bodies,
/// which wrk cannot build; add it here as another <see cref="IApiPhase"/> with a body made by the suite.)
/// </summary>
internal sealed class OtlpPhase : IApiPhase
{
    private const int Connections = 8;
    private const int Points = 100;

    public string Key => "api-otlp";
    public string Title => "API, OTLP/HTTP receiver (JSON, closed loop, wrk, 8 connections)";

    public string Method(SuiteContext context) =>
        $"`POINTS={Points} {WrkRunner.CommandLine(Connections, context.Plan.ApiSeconds, "benchmarks/api/otlp.lua", "http://127.0.0.1:PORT")}`: " +
        $"one export request of {Points} gauge points over 50 series, built once.";

    public async Task<long> RunAsync(SuiteContext context, ServiceProcess api, Uri baseUrl, PhaseResult result)
    {
        if (await ProbeAsync(baseUrl) is { } reason)
        {
            result.Skipped = reason;
            context.Progress(Key, $"skipped: {reason}");
            return 0;
        }
        long accepted = 0;
        var environment = new Dictionary<string, string> { ["POINTS"] = Points.ToString(CultureInfo.InvariantCulture) };
        for (var run = 1; run <= context.Plan.Repetitions; run++)
        {
            context.Progress(Key, $"run {run}/{context.Plan.Repetitions}: {Points} points per request, {context.Plan.ApiSeconds} s");
            var cpu = api.CpuSeconds;
            var wrk = await WrkRunner.RunAsync(Connections, context.Plan.ApiSeconds, context.Script("otlp.lua"), baseUrl.ToString(), environment);
            accepted += wrk.Accepted * Points;
            result.Measure("mps", $"{Points} points per request: metrics/s", "metrics/s", true).Add(wrk.RequestsPerSecond * Points);
            result.Measure("p99", $"{Points} points per request: p99 per request", "ms", false).Add(wrk.P99);
            result.Measure("cpu", $"{Points} points per request: API CPU per metric", "µs", false).Add((api.CpuSeconds - cpu) * 1e6 / Math.Max(1, wrk.Requests * Points));
            result.Measure("failed", "non-2xx and socket errors", "requests", false).Add(wrk.Non2xx + wrk.SocketErrors);
            context.Progress(Key, $"  {wrk.RequestsPerSecond * Points:F0} metrics/s");
        }
        return accepted;
    }

    /// <summary>Null when the receiver answers 2xx to one small export request, else why the phase cannot run.</summary>
    private static async Task<string?> ProbeAsync(Uri baseUrl)
    {
        var now = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000).ToString(CultureInfo.InvariantCulture);
        var body = "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"bench_probe\",\"gauge\":{\"dataPoints\":[{\"asDouble\":1,\"timeUnixNano\":\"" + now + "\"}]}}]}]}]}";
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        try
        {
            using var response = await client.PostAsync(new Uri(baseUrl, "v1/metrics"), content);
            return response.IsSuccessStatusCode ? null : $"POST /v1/metrics answered {(int)response.StatusCode}: this API serves no OTLP receiver.";
        }
        catch (HttpRequestException e)
        {
            return $"POST /v1/metrics failed: {e.Message}";
        }
    }
}
