using System.Diagnostics;
using System.Net;
using System.Text;
using Ingestion.Kafka.Diagnostics;
using Ingestion.Tests.Support;
using Ingestion.Tests.Worker;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Ingestion.Tests.EndToEnd;

/// <summary>The service defaults' tracing, as shipped: the API and the worker hosts export to in-memory lists.</summary>
[TestFixture]
public sealed class Tracing_a_metric_through_the_pipeline
{
    [Test, CancelAfter(120_000)]
    public async Task One_post_yields_the_request_the_produce_the_consume_and_the_insert_in_one_trace(CancellationToken cancellationToken)
    {
        var tracing = new Dictionary<string, string?> { ["Tracing:Enabled"] = "true" };
        await using var started = await ApiApplicationFactory.StartAsync("trace_api", tracing);
        var apiSpans = new List<Activity>();
        await using var api = started.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(apiSpans))));
        var settings = new WorkerSettings(started.Topic, $"{started.Topic}-group", TestInfrastructure.CreateTopic("trace-dlq", 1), started.ConnectionString)
        {
            Overrides = { ["Tracing:Enabled"] = "true" },
        };
        var workerSpans = new List<Activity>();
        await using var worker = await InProcessWorker.StartAsync(settings, services =>
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(workerSpans)));
        using var client = api.CreateClient();

        using var response = await client.PostAsync("/api/v1/metrics",
            new StringContent("{\"name\":\"traced\",\"value\":1}", Encoding.UTF8, "application/json"), cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await MetricsTable.WaitForCountAsync(started.ConnectionString, 1, TimeSpan.FromSeconds(60));

        var request = Snapshot(apiSpans).Single(s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore");
        var trace = request.TraceId;
        Activity[] inTrace = [];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            inTrace = [.. Snapshot(apiSpans).Concat(Snapshot(workerSpans)).Where(s => s.TraceId == trace)];
            // The consume span ends after the insert inside it: wait for both, not the first one exported.
            if (inTrace.Any(IsInsert) && inTrace.Any(IsConsume)) break;
            await Task.Delay(200, cancellationToken);
        }

        Assert.Multiple(() =>
        {
            Assert.That(inTrace.Any(s => s.Source.Name == KafkaMetrics.ActivitySourceName && s.Kind == ActivityKind.Producer), "the produce span");
            Assert.That(inTrace.Any(IsConsume), "the consume span");
            Assert.That(inTrace.Any(IsInsert), "the insert span");
        });
    }

    private static bool IsConsume(Activity span) =>
        span.Source.Name == KafkaMetrics.ActivitySourceName && span.Kind == ActivityKind.Consumer;

    private static bool IsInsert(Activity span) =>
        span.Source.Name == "Npgsql" && span.TagObjects.Any(t => t.Value is string text && text.Contains("INSERT", StringComparison.OrdinalIgnoreCase));

    private static Activity[] Snapshot(List<Activity> spans)
    {
        lock (spans) return [.. spans.ToArray().Where(s => s is not null)];
    }
}
