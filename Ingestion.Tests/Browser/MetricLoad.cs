using Ingestion.Tests.Operations;

namespace Ingestion.Tests.Browser;

/// <summary>Posts a small batch of <c>page_cpu</c> metrics every 200 ms until disposed, so the page has live rates to show.</summary>
internal sealed class MetricLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public MetricLoad(HttpClient client) => loop = RunAsync(client, stop.Token);

    public long Accepted { get; private set; }

    private async Task RunAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var round = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var metrics = Enumerable.Range(0, 20).Select(i =>
                $"{{\"name\":\"page_cpu\",\"value\":{(round + i) % 50 + 20},\"labels\":{{\"host\":\"server-0{i % 3 + 1}\"}}}}");
            try
            {
                using var response = await client.PostAsync("/api/v1/metrics/batch", OperationsPipeline.Json($"[{string.Join(",", metrics)}]"), cancellationToken);
                if (response.IsSuccessStatusCode) Accepted += 20;
                await Task.Delay(200, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            round++;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
