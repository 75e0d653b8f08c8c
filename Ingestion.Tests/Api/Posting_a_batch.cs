extern alias api;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using api::Ingestion.Api.Model;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Api;

[TestFixture]
public sealed class Posting_a_batch : ApiFixture
{

    protected override Task<ApiApplicationFactory> StartApiAsync() =>
        ApiApplicationFactory.StartAsync("api_batch", new Dictionary<string, string?> { ["Api:MaxBatchSize"] = "2000" });

    [Test]
    public async Task Answers_202_with_the_count_and_ids_once_every_record_was_acknowledged()
    {
        var items = Enumerable.Range(0, 1500).Select(i => $"{{\"name\":\"disk_io\",\"value\":{i},\"labels\":{{\"disk\":\"sd{i % 3}\"}}}}");
        using var response = await Client.PostAsync("/api/v1/metrics/batch", Json("[" + string.Join(",", items) + "]"));
        var accepted = await response.Content.ReadFromJsonAsync<BatchAccepted>();

        var ids = accepted!.Ids.Select(id => id.ToString()).ToHashSet();
        var records = (await TopicRecords.ReadUntilAsync(Api.BootstrapServers, Api.Topic,
            read => read.Count(r => ids.Contains(r.Header("message-id")!)) >= 1500)).Where(r => ids.Contains(r.Header("message-id")!)).ToList();
        var byId = records.ToDictionary(r => r.Header("message-id")!);
        var fifth = byId[accepted.Ids[5].ToString()];
        using var body = JsonDocument.Parse(fifth.Message.Value);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(accepted.Status, Is.EqualTo("queued"));
            Assert.That(accepted.Count, Is.EqualTo(1500));
            Assert.That(accepted.Ids.Distinct().Count(), Is.EqualTo(1500));
            Assert.That(records, Has.Count.EqualTo(1500), "each id landed exactly once");
            Assert.That(fifth.Message.Key, Is.EqualTo("disk_io{disk=sd2}"));
            Assert.That(body.RootElement.GetProperty("value").GetDouble(), Is.EqualTo(5), "ids are in request order");
        });
    }

    [Test]
    public async Task Uses_each_item_id_as_its_idempotency_key()
    {
        var given = Guid.NewGuid();
        const string batch = "[{{\"name\":\"a\",\"value\":1,\"id\":\"{0}\"}},{{\"name\":\"b\",\"value\":2,\"id\":\"client-key-7\"}},{{\"name\":\"c\",\"value\":3}}]";

        var first = await PostBatch(string.Format(System.Globalization.CultureInfo.InvariantCulture, batch, given));
        var retry = await PostBatch(string.Format(System.Globalization.CultureInfo.InvariantCulture, batch, given));

        Assert.Multiple(() =>
        {
            Assert.That(first.Ids[0], Is.EqualTo(given), "a GUID id is used as is");
            Assert.That(retry.Ids[1], Is.EqualTo(first.Ids[1]), "the same key gives the same id");
            Assert.That(retry.Ids[2], Is.Not.EqualTo(first.Ids[2]), "an item without id gets a new one");
        });
    }

    [Test]
    public async Task Produces_nothing_when_one_item_is_invalid()
    {
        var marker = Guid.NewGuid();
        using var rejected = await Client.PostAsync("/api/v1/metrics/batch", Json(
            $"[{{\"name\":\"poisoned_batch\",\"value\":1}},{{\"name\":\"poisoned_batch\",\"value\":\"2\"}}]"));
        using var after = await Client.PostAsync("/api/v1/metrics/batch", Json($"[{{\"name\":\"after\",\"value\":1,\"id\":\"{marker}\"}}]"));

        var records = await TopicRecords.ReadUntilAsync(Api.BootstrapServers, Api.Topic, read => read.Exists(r => r.Header("message-id") == marker.ToString()));

        Assert.Multiple(() =>
        {
            Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(records.Exists(r => r.Header("message-id") == marker.ToString()), Is.True);
            Assert.That(records.Where(r => r.Message.Key == "poisoned_batch"), Is.Empty, "the valid neighbour was not produced either");
        });
    }

    private async Task<BatchAccepted> PostBatch(string json)
    {
        using var response = await Client.PostAsync("/api/v1/metrics/batch", Json(json));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        return (await response.Content.ReadFromJsonAsync<BatchAccepted>())!;
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
