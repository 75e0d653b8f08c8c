extern alias api;

using System.Net;
using System.Text;
using api::Ingestion.Api.Parsing;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Api;

/// <summary>Issue 19 item 2 and its "Low" chunked case: body rate, the shared body-buffer budget, chunked limits.</summary>
[TestFixture]
public sealed class Slow_and_greedy_clients : ApiFixture
{
    private const int Limit = 64 * 1024;

    protected override Task<ApiApplicationFactory> StartApiAsync() =>
        ApiApplicationFactory.StartAsync("api_slow_clients", new Dictionary<string, string?>
        {
            ["Api:MaxSingleBodyBytes"] = $"{Limit}",
            ["Api:MaxBatchBodyBytes"] = $"{Limit}",
            ["Api:MaxBufferedBodyBytes"] = $"{4 * Limit}",
            ["Api:MinBodyBytesPerSecond"] = "2000",
            ["Api:MinBodyRateGracePeriod"] = "00:00:01.5",
        }, kestrel: true);

    private BodyBufferBudget Budget => Api.Services.GetRequiredService<BodyBufferBudget>();

    [SetUp]
    public async Task WaitForEarlierBodiesToGo()
    {
        for (var attempt = 0; attempt < 50 && Budget.InUse > 0; attempt++)
            await Task.Delay(100);
    }

    [Test]
    public async Task Are_cut_off_when_their_body_trickles_below_the_minimum_rate()
    {
        await using var connection = await RawHttpConnection.OpenAsync(Client.BaseAddress!);
        await connection.SendHeadAsync("/api/v1/metrics/batch", "Content-Type: application/json", "Content-Length: 60000");
        var answered = connection.ReadStatusAsync(TimeSpan.FromSeconds(10));

        // 500 bytes/s: more than Kestrel's default minimum (240), less than the configured 2000.
        for (var sent = 0; sent < 100 && !answered.IsCompleted; sent++)
        {
            try
            {
                await connection.SendAsync(Encoding.ASCII.GetBytes(sent == 0 ? "[" + new string(' ', 49) : new string(' ', 50)));
            }
            catch (IOException)
            {
                break;
            }
            await Task.Delay(100);
        }

        Assert.That(answered.IsCompleted, Is.True, "the server ended the request within 10 s");
        Assert.That(await answered, Is.Null.Or.EqualTo(408));
    }

    [Test]
    public async Task Answer_503_with_Retry_After_while_bodies_being_read_hold_the_buffer_budget()
    {
        var greedy = new List<RawHttpConnection>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var connection = await RawHttpConnection.OpenAsync(Client.BaseAddress!);
                greedy.Add(connection);
                await connection.SendHeadAsync("/api/v1/metrics/batch", "Content-Type: application/json", $"Content-Length: {Limit}");
                await connection.SendAsync(Encoding.ASCII.GetBytes("[" + new string(' ', Limit - 2000)));
                for (var attempt = 0; attempt < 50 && Budget.InUse < (i + 1) * Limit; attempt++)
                    await Task.Delay(100);
            }

            using var refused = await Client.PostAsync("/api/v1/metrics/batch", Json("[{\"name\":\"refused\",\"value\":1}]"));

            Assert.Multiple(async () =>
            {
                Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await refused.Content.ReadAsStringAsync());
                Assert.That(refused.Headers.RetryAfter?.Delta, Is.Not.Null);
                Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            });
        }
        finally
        {
            foreach (var connection in greedy)
                await connection.DisposeAsync();
        }

        await WaitForEarlierBodiesToGo();
        using var accepted = await Client.PostAsync("/api/v1/metrics/batch", Json("[{\"name\":\"accepted_again\",\"value\":1}]"));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [Test]
    public async Task Count_body_bytes_not_chunk_framing_against_the_limit()
    {
        var body = Encoding.UTF8.GetBytes(Batch(Limit - 100));
        await using var chunked = await RawHttpConnection.OpenAsync(Client.BaseAddress!);
        await chunked.SendHeadAsync("/api/v1/metrics/batch", "Content-Type: application/json", "Transfer-Encoding: chunked");
        await chunked.SendChunkedAsync(body, chunkSize: 16);
        await using var tooLarge = await RawHttpConnection.OpenAsync(Client.BaseAddress!);
        await tooLarge.SendHeadAsync("/api/v1/metrics/batch", "Content-Type: application/json", "Transfer-Encoding: chunked");
        await tooLarge.SendChunkedAsync(Encoding.UTF8.GetBytes(Batch(Limit + 100)), chunkSize: 4096);

        Assert.That(await chunked.ReadStatusAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(202), "a body within the limit, framed in 16-byte chunks");
        Assert.That(await tooLarge.ReadStatusAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(413));
    }

    /// <summary>A valid batch of about <paramref name="size"/> bytes.</summary>
    private static string Batch(int size)
    {
        var item = "{\"name\":\"chunked\",\"value\":1}";
        var items = new List<string>();
        while ((items.Count + 1) * (item.Length + 1) + 1 < size)
            items.Add(item);
        return "[" + string.Join(",", items) + "]";
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
