extern alias api;

using System.Net;
using System.Text;
using api::Ingestion.Api.Parsing;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Api;

/// <summary>Issue 19 item 2: a body buffer grows with the bytes that arrived, not with the Content-Length a client declared.</summary>
[TestFixture]
public sealed class Clients_that_declare_large_bodies : ApiFixture
{
    private const int Connections = 8;
    private const int Declared = 16 * 1024 * 1024;

    protected override Task<ApiApplicationFactory> StartApiAsync() =>
        ApiApplicationFactory.StartAsync("api_large_bodies", kestrel: true);

    [Test]
    public async Task Can_be_watched_through_the_body_buffer_gauge()
    {
        string text = "";
        for (var attempt = 0; attempt < 50 && !text.Contains("ingestion_api_body_buffers_bytes", StringComparison.Ordinal); attempt++)
        {
            text = await Client.GetStringAsync("/metrics");
            await Task.Delay(100);
        }

        Assert.That(text, Does.Contain("# TYPE ingestion_api_body_buffers_bytes gauge"));
    }

    [Test]
    public async Task Cost_the_API_what_they_sent_not_what_they_declared_while_a_normal_batch_still_succeeds()
    {
        var budget = Api.Services.GetRequiredService<BodyBufferBudget>();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var slow = new List<RawHttpConnection>();
        try
        {
            for (var i = 0; i < Connections; i++)
            {
                var connection = await RawHttpConnection.OpenAsync(Client.BaseAddress!);
                slow.Add(connection);
                await connection.SendHeadAsync("/api/v1/metrics/batch", "Content-Type: application/json", $"Content-Length: {Declared}");
                await connection.SendAsync(Encoding.ASCII.GetBytes("[" + new string(' ', 999)));
            }
            // Until every connection's first kilobyte sits in a body buffer (before the fix the budget stayed at 0: give up after 5 s).
            for (var attempt = 0; attempt < 50 && budget.InUse < Connections * 1000; attempt++)
                await Task.Delay(100);
            var held = GC.GetTotalMemory(forceFullCollection: true) - before;
            var buffered = budget.InUse;
            TestContext.Out.WriteLine($"GC heap growth {held:N0} bytes; body buffers {buffered:N0} bytes");

            using var batch = await Client.PostAsync("/api/v1/metrics/batch", new StringContent(
                "[" + string.Join(",", Enumerable.Range(0, 1000).Select(i => $"{{\"name\":\"beside_slow_clients\",\"value\":{i}}}")) + "]",
                Encoding.UTF8, "application/json"));

            Assert.Multiple(() =>
            {
                Assert.That(held, Is.LessThan(32L * 1024 * 1024), $"GC heap growth while {Connections} bodies of {Declared} bytes were declared");
                Assert.That(buffered, Is.InRange(Connections * 1000, Connections * 64 * 1024), "body buffers held for 1 KB each");
                Assert.That(batch.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            });
        }
        finally
        {
            foreach (var connection in slow)
                await connection.DisposeAsync();
        }

        for (var attempt = 0; attempt < 50 && budget.InUse > 0; attempt++)
            await Task.Delay(100);
        Assert.That(budget.InUse, Is.Zero, "every buffer went back when its client went away");
    }
}
