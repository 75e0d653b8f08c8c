using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Receivers;

/// <summary>OTLP bodies sent with <c>Content-Encoding: gzip</c> (the collector's default) are read like plain ones.</summary>
[TestFixture]
public sealed class Receiving_compressed_otlp
{
    [Test, CancelAfter(60_000)]
    public async Task Accepts_a_gzip_export_and_answers_an_empty_response_in_its_encoding(CancellationToken cancellationToken)
    {
        await using var api = await ApiApplicationFactory.StartAsync("otlp_gzip");
        using var client = api.CreateClient();
        var content = new ByteArrayContent(ReceiverBodies.Gzip(Encoding.UTF8.GetBytes(ReceiverBodies.OtlpGauges("zipped", 3, DateTimeOffset.UtcNow))));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await client.PostAsync("/v1/metrics", content, cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        var records = await TopicRecords.ReadAsync(api.BootstrapServers, api.Topic, 3);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), answer);
            Assert.That(answer, Is.EqualTo("{ }").Or.EqualTo("{}"), "no partial_success when every point was accepted");
            Assert.That(records.Select(r => JsonDocument.Parse(r.Message.Value).RootElement.GetProperty("labels").GetProperty("n").GetString()),
                Is.EquivalentTo(new[] { "0", "1", "2" }));
        });
    }
}
