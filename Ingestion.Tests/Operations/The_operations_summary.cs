extern alias api;

using System.Net.Http.Json;
using api::Ingestion.Api.Model.Ops;

namespace Ingestion.Tests.Operations;

[TestFixture]
public sealed class The_operations_summary
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private OperationsPipeline pipeline = null!;

    [OneTimeSetUp]
    public async Task StartPipeline() => pipeline = await OperationsPipeline.StartAsync("ops-summary");

    [OneTimeTearDown]
    public async Task StopPipeline() => await pipeline.DisposeAsync();

    [Test, CancelAfter(90_000)]
    public async Task Reports_accepted_and_4xx_rates_and_the_workers_persisted_rate_once_traffic_flows(CancellationToken cancellationToken)
    {
        OpsSummary? summary = null;
        await Poll.Until(async () =>
        {
            using (await pipeline.Client.PostAsync("/api/v1/metrics/batch", OperationsPipeline.Json(
                "[{\"name\":\"ops_rate\",\"value\":1,\"labels\":{\"p\":\"a\"}},{\"name\":\"ops_rate\",\"value\":2,\"labels\":{\"p\":\"b\"}}]"), cancellationToken)) { }
            using (await pipeline.Client.PostAsync("/api/v1/metrics", OperationsPipeline.Json("{\"name\":\"ops_rate\"}"), cancellationToken)) { }
            summary = await pipeline.Client.GetFromJsonAsync<OpsSummary>("/api/v1/ops/summary", cancellationToken);
            return summary!.Api.AcceptedPerSecond > 0 && summary.Api.ClientErrorsPerSecond > 0 && summary.Workers[0].PersistedPerSecond > 0;
        }, Patience, "the summary shows accepted, 4xx and persisted rates above zero");

        Assert.Multiple(() =>
        {
            Assert.That(summary!.Api.AcceptedTotal, Is.GreaterThan(0));
            Assert.That(summary.Api.ServerErrorsPerSecond, Is.Zero);
            Assert.That(summary.Workers[0].PersistedTotal, Is.GreaterThan(0));
        });
    }

    [Test, CancelAfter(60_000)]
    public async Task Reports_the_lag_of_every_partition_of_the_workers_topic_against_the_threshold(CancellationToken cancellationToken)
    {
        var summary = await pipeline.Client.GetFromJsonAsync<OpsSummary>("/api/v1/ops/summary", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(summary!.Lag.Error, Is.Null);
            Assert.That(summary.Lag.Topic, Is.EqualTo(pipeline.Settings.Topic));
            Assert.That(summary.Lag.Group, Is.EqualTo(pipeline.Settings.GroupId));
            Assert.That(summary.Lag.Partitions.Select(p => p.Partition), Is.EqualTo(new[] { 0, 1, 2 }));
            Assert.That(summary.Lag.Total, Is.EqualTo(summary.Lag.Partitions.Sum(p => p.Lag)));
            Assert.That(summary.Lag.WarningThreshold, Is.EqualTo(10_000));
        });
    }

    [Test, CancelAfter(60_000)]
    public async Task Reports_kafka_postgresql_and_the_worker_ready_and_a_worker_that_does_not_answer_unreachable(CancellationToken cancellationToken)
    {
        var summary = await pipeline.Client.GetFromJsonAsync<OpsSummary>("/api/v1/ops/summary", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(summary!.Health, Has.Some.Matches<ComponentHealthView>(h => h.Name.Contains("kafka", StringComparison.Ordinal) && h.Status == "healthy"));
            Assert.That(summary.Health, Has.Some.Matches<ComponentHealthView>(h => h.Name == "postgresql" && h.Status == "healthy"));
            Assert.That(summary.Workers, Has.Count.EqualTo(2));
            Assert.That(summary.Workers[0].State, Is.EqualTo("ready"), summary.Workers[0].Detail);
            Assert.That(summary.Workers[1].Url, Is.EqualTo(OperationsPipeline.UnreachableWorker));
            Assert.That(summary.Workers[1].State, Is.EqualTo("unreachable"));
            Assert.That(summary.Workers[1].Detail, Is.Not.Empty);
            Assert.That(summary.DeadLetters.Topic, Is.EqualTo(pipeline.Settings.DeadLetterTopic));
            Assert.That(summary.DeadLetters.Error, Is.Null);
        });
    }
}
