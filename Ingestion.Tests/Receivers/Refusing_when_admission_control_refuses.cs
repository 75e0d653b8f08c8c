using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Receivers;

/// <summary>Admission control (the consumers' backlog) applies to both receivers: 503 with Retry-After, which their clients retry.</summary>
[TestFixture]
public sealed class Refusing_when_admission_control_refuses
{
    [Test, CancelAfter(60_000)]
    public async Task Answers_503_with_Retry_After_on_both_receivers_once_the_backlog_is_deep(CancellationToken cancellationToken)
    {
        await using var api = await ApiApplicationFactory.StartAsync("receiver_admission", new Dictionary<string, string?>
        {
            ["Api:Admission:Enabled"] = "true",
            ["Api:Admission:GroupId"] = $"admission-{Guid.NewGuid():N}",
            ["Api:Admission:MaxBacklogPerPartition"] = "300",
            ["Api:Admission:Interval"] = "00:00:00.050",
        });
        using var client = api.CreateClient();

        HttpResponseMessage? refused = null;
        for (var i = 0; i < 200 && refused is null; i++)
        {
            var now = DateTimeOffset.UtcNow;
            var body = ReceiverBodies.WriteRequest(("backlog", [("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture))],
                Enumerable.Range(0, 100).Select(j => (1.0, now.AddMilliseconds(-j))).ToArray()));
            var response = await client.SendAsync(Write(body), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NoContent)
                response.Dispose();
            else
                refused = response;
            await Task.Delay(20, cancellationToken);
        }
        using var otlp = await client.PostAsync("/v1/metrics",
            new StringContent(ReceiverBodies.OtlpGauges("g", 1, DateTimeOffset.UtcNow), Encoding.UTF8, "application/json"), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(refused?.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "remote write refused once the backlog passed the limit");
            Assert.That(refused?.Headers.RetryAfter, Is.Not.Null);
            Assert.That(otlp.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(otlp.Headers.RetryAfter, Is.Not.Null);
        });
        refused?.Dispose();
    }

    private static HttpRequestMessage Write(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        return new HttpRequestMessage(HttpMethod.Post, "/api/v1/write") { Content = content };
    }
}
