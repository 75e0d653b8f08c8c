extern alias api;

using System.Net;
using System.Net.Http.Json;
using api::Ingestion.Api.Model.Ops;

namespace Ingestion.Tests.Operations;

[TestFixture]
public sealed class The_recent_dead_letters
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private OperationsPipeline pipeline = null!;

    [OneTimeSetUp]
    public async Task StartPipeline() => pipeline = await OperationsPipeline.StartAsync("ops-dlq");

    [OneTimeTearDown]
    public async Task StopPipeline() => await pipeline.DisposeAsync();

    [Test, CancelAfter(90_000)]
    public async Task List_a_poison_record_with_its_reason_error_and_the_command_that_shows_it(CancellationToken cancellationToken)
    {
        await pipeline.ProducePoisonAsync();

        DeadLetterPage? page = null;
        await Poll.Until(async () =>
        {
            page = await pipeline.Client.GetFromJsonAsync<DeadLetterPage>("/api/v1/ops/dlq?limit=5", cancellationToken);
            return page!.Items.Count > 0;
        }, Patience, "the poison record is listed");
        var summary = await pipeline.Client.GetFromJsonAsync<OpsSummary>("/api/v1/ops/summary", cancellationToken);

        var item = page!.Items[0];
        Assert.Multiple(() =>
        {
            Assert.That(page.Exists, Is.True);
            Assert.That(page.Depth, Is.EqualTo(1));
            Assert.That(item.Reason, Is.EqualTo("deserialization"));
            Assert.That(item.Error, Is.Not.Empty);
            Assert.That(item.OriginalTopic, Is.EqualTo(pipeline.Settings.Topic));
            Assert.That(item.DeadLetteredAt, Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5)));
            Assert.That(item.ShowCommand, Is.EqualTo($"ingestion-ops dlq show 0:{item.Offset} --dlq-topic {pipeline.Settings.DeadLetterTopic}"));
            Assert.That(summary!.DeadLetters.Depth, Is.EqualTo(1));
        });
    }

    [TestCase("0")]
    [TestCase("201")]
    [TestCase("ten")]
    public async Task Refuse_a_limit_outside_1_to_200(string limit)
    {
        using var response = await pipeline.Client.GetAsync($"/api/v1/ops/dlq?limit={limit}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("limit"));
    }
}
