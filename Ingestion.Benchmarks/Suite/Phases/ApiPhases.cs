using Ingestion.Benchmarks.Suite.Report;
using Ingestion.Benchmarks.Suite.Running;

namespace Ingestion.Benchmarks.Suite.Phases;

/// <summary>
/// Phases 1 and 2: the API alone (no worker) against the embedded broker, one API process for all of them. Afterwards
/// every metric the API accepted must be on the topic.
/// </summary>
internal static class ApiPhases
{
    private const string Topic = "bench-api";

    public static IReadOnlyList<IApiPhase> All { get; } = [new ApiSinglePhase(), new ApiRatePhase(), new ApiBatchPhase(), new OtlpPhase(), new ReceiversPhase()];

    public static async Task RunAsync(SuiteContext context)
    {
        var results = All.Select(phase => new PhaseResult { Key = phase.Key, Title = phase.Title, Method = phase.Method(context) }).ToList();
        context.Results.Phases.AddRange(results);
        context.Progress("api", "starting the embedded broker and the API");
        await using var pipeline = await Pipeline.StartAsync(context, (Topic, 12));
        var api = await pipeline.StartApiAsync(Topic);
        var baseUrl = new Uri($"http://127.0.0.1:{context.ApiPort}/");

        context.Progress("api", "warm-up: 3 s of single metrics at 16 connections");
        var accepted = (await WrkRunner.RunAsync(16, 3, context.Script("single.lua"), baseUrl.ToString())).Accepted;
        for (var i = 0; i < All.Count; i++)
            accepted += await All[i].RunAsync(context, api, baseUrl, results[i]);

        context.Resources.Measure("api.rss", "API peak resident memory (phases 1–2)", "MiB", false).Add(api.PeakResidentMiB);
        context.Resources.Measure("api.cpu-single", "API CPU per single-metric request, 64 connections", "µs", false)
            .Runs.AddRange(results[0].Measures.FirstOrDefault(m => m.Key == "c64.cpu")?.Runs ?? []);
        context.Resources.Measure("api.cpu-batch", "API CPU per metric, batches of 1,000", "µs", false)
            .Runs.AddRange(results[2].Measures.FirstOrDefault(m => m.Key == "b1000.cpu")?.Runs ?? []);
        await pipeline.StopAsync(api);
        var (records, _) = TopicWatermarks.Read(pipeline.Broker.BootstrapServers, Topic);
        context.Check("api", "metrics answered 202 are on the topic (records on the topic >= 202s counted)", accepted, records, atLeast: true);
    }
}
