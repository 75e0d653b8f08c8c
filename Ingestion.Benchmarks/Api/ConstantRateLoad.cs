using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Ingestion.Benchmarks.Api;

/// <summary>
/// <c>api-rate --url U --rate 5000 --seconds 20 [--connections 64] [--warmup 3] [--name cpu_usage]</c>: an open-loop load generator.
/// Requests are scheduled at a fixed rate and latency is measured from the scheduled start, so a stalled server shows up
/// in the percentiles instead of silently lowering the offered load (wrk's closed loop hides that; wrk2 is not available).
/// </summary>
internal static class ConstantRateLoad
{
    // 64 series (the host label varies), so the records spread over the topic's partitions like real traffic.
    private static byte[][] bodies = [];
    private static int next;

    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var url = new Uri(arguments.String("url") ?? "http://127.0.0.1:8000/api/v1/metrics");
        var result = await MeasureAsync(url, arguments.Int("rate", 5000), arguments.Int("seconds", 20), arguments.Int("warmup", 3),
            arguments.Int("connections", 64), arguments.String("name") ?? "cpu_usage");
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"offered {result.Rate}/s for {result.Seconds}s, completed {result.Completed} in {result.ElapsedSeconds:0.0}s ({result.Completed / result.ElapsedSeconds:0}/s)"));
        Console.WriteLine(string.Create(inv, $"latency ms: p50 {result.P50:0.00}  p90 {result.P90:0.00}  p99 {result.P99:0.00}  p99.9 {result.P999:0.00}  max {result.Max:0.00}"));
        Console.WriteLine("status: " + string.Join(", ", result.Statuses.Select(s => $"{(s.Key == 0 ? "error" : s.Key)}={s.Value}")));
        return 0;
    }

    /// <summary>
    /// Offers <paramref name="rate"/> single-metric requests per second for <paramref name="seconds"/> (after
    /// <paramref name="warmup"/> seconds not measured), every request carrying the metric name <paramref name="name"/>.
    /// </summary>
    public static async Task<RateResult> MeasureAsync(Uri url, int rate, int seconds, int warmup, int connections, string name)
    {
        bodies = [.. Enumerable.Range(0, 64).Select(host =>
            Encoding.UTF8.GetBytes($"{{\"name\":\"{name}\",\"value\":85.5,\"labels\":{{\"host\":\"server-{host:D2}\",\"region\":\"eu\"}}}}"))];

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        if (warmup > 0)
            await RunPhaseAsync(client, url, rate, warmup, record: null);

        var latencies = new long[rate * seconds];
        var statuses = new int[600];
        var recorded = new Recorder(latencies, statuses);
        var started = Stopwatch.GetTimestamp();
        await RunPhaseAsync(client, url, rate, seconds, recorded);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var count = recorded.Count;
        Array.Sort(latencies, 0, count);
        double Percentile(double p) => count == 0 ? double.NaN : Stopwatch.GetElapsedTime(0, latencies[Math.Min(count - 1, (int)Math.Ceiling(p * count) - 1)]).TotalMilliseconds;
        return new RateResult(rate, seconds, count, elapsed.TotalSeconds, Percentile(0.50), Percentile(0.90), Percentile(0.99), Percentile(0.999), Percentile(1.0),
            statuses.Select((n, code) => (n, code)).Where(s => s.n > 0).ToDictionary(s => s.code, s => s.n));
    }

    private static async Task RunPhaseAsync(HttpClient client, Uri url, int rate, int seconds, Recorder? record)
    {
        var total = rate * seconds;
        var interval = (double)Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        var inflight = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var scheduled = start + (long)(i * interval);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), scheduled);
            if (wait > TimeSpan.FromMilliseconds(1))
                await Task.Delay(wait);
            inflight.Add(SendAsync(client, url, scheduled, record));
        }
        await Task.WhenAll(inflight);
    }

    private static async Task SendAsync(HttpClient client, Uri url, long scheduled, Recorder? record)
    {
        var status = 0;
        try
        {
            using var content = new ByteArrayContent(bodies[(Interlocked.Increment(ref next) & int.MaxValue) % bodies.Length]);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(url, content);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException)
        {
        }
        record?.Add(Stopwatch.GetTimestamp() - scheduled, status);
    }

    private sealed class Recorder(long[] latencies, int[] statuses)
    {
        private int count;

        public int Count => Math.Min(Volatile.Read(ref count), latencies.Length);

        public void Add(long ticks, int status)
        {
            var slot = Interlocked.Increment(ref count) - 1;
            if (slot < latencies.Length)
                latencies[slot] = ticks;
            Interlocked.Increment(ref statuses[status is > 0 and < 600 ? status : 0]);
        }
    }
}
