using System.Net;
using System.Text;

namespace Ingestion.Api.Operations;

/// <summary>
/// Reads a worker's readiness and Prometheus figures over HTTP, the same endpoints Prometheus and Kubernetes read, so the page
/// shows what they see and needs no table or heartbeat of its own (docs/operations.md says why).
/// </summary>
public sealed class WorkerProbe(IHttpClientFactory clients)
{
    public const string ClientName = "dashboard-workers";

    public const string Persisted = "ingestion_worker_persisted_total";
    public const string DeadLettered = "ingestion_worker_dead_lettered_total";
    public const string Blocked = "ingestion_worker_blocked_seconds";
    public const string PartitionRestarts = "ingestion_kafka_partition_restarts_total";

    /// <summary>The most of a worker's answer read; a larger exposition is cut here (every size a peer controls has a limit).</summary>
    public const int MaxBodyChars = 4 * 1024 * 1024;

    private const int MaxDetailChars = 300;
    private static readonly string[] Counters = [Persisted, DeadLettered, PartitionRestarts];
    private static readonly string[] Gauges = [Blocked];

    public async Task<WorkerReading> ReadAsync(string url, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        var client = clients.CreateClient(ClientName);
        var root = url.TrimEnd('/');
        string state;
        string? detail = null;
        try
        {
            using var ready = await client.GetAsync(new Uri($"{root}/health/ready"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            state = ready.StatusCode == HttpStatusCode.OK ? "ready" : "unready";
            if (state == "unready")
                detail = $"{(int)ready.StatusCode}: {await ReadLimitedAsync(ready, MaxDetailChars, cancellationToken)}";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new WorkerReading(url, "unreachable", exception.Message, null, null, null, null);
        }

        try
        {
            using var metrics = await client.GetAsync(new Uri($"{root}/metrics"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            metrics.EnsureSuccessStatusCode();
            var text = await ReadLimitedAsync(metrics, MaxBodyChars, cancellationToken);
            var sums = PrometheusText.Sum(text, Counters);
            var maxima = PrometheusText.Max(text, Gauges);
            return new WorkerReading(url, state, detail, Value(sums, Persisted), Value(sums, DeadLettered), Value(maxima, Blocked),
                Value(sums, PartitionRestarts));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new WorkerReading(url, state, detail ?? $"metrics unreadable: {exception.Message}", null, null, null, null);
        }
    }

    private static double? Value(IReadOnlyDictionary<string, double> values, string name) =>
        values.TryGetValue(name, out var value) ? value : null;

    private static async Task<string> ReadLimitedAsync(HttpResponseMessage response, int maxChars, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[Math.Min(maxChars, 64 * 1024)];
        var text = new StringBuilder();
        int read;
        while (text.Length < maxChars && (read = await reader.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, maxChars - text.Length)), cancellationToken)) > 0)
            text.Append(buffer, 0, read);
        return text.ToString();
    }
}
