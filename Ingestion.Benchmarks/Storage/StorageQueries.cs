using System.Diagnostics;
using System.Globalization;
using Ingestion.Benchmarks.Kafka;
using Ingestion.Benchmarks.Worker;
using Ingestion.Storage;
using Ingestion.Storage.Queries;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Benchmarks.Storage;

/// <summary>
/// <c>storage</c>: loads 1, 5 and 10 million samples (by default; <c>--sizes</c>) of 1,000 series over 3 days
/// (<c>--series</c>, <c>--days</c>) and, at each size, times issue 15's queries (median of 5) and measures bytes per
/// stored sample (raw rows + rollups + series + every index).
/// </summary>
internal static class StorageQueries
{
    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var sizes = (arguments.String("sizes") ?? "1000000,5000000,10000000").Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var series = arguments.Int("series", 1000);
        var days = arguments.Int("days", 3);
        var end = new DateTimeOffset(DateTimeOffset.UtcNow.Date, TimeSpan.Zero).AddHours(DateTimeOffset.UtcNow.Hour);
        var database = await BenchmarkDatabase.CreateAsync(arguments);
        var options = Options.Create(new StorageOptions { QueryTimeout = TimeSpan.FromMinutes(5), MaxAggregateRows = int.MaxValue - 1 });
        try
        {
            await using var pool = new QueryDataSource(database, options);
            var queries = new MetricQueries(pool, options);
            long loaded = 0;
            foreach (var size in sizes)
            {
                var load = Stopwatch.StartNew();
                await StorageLoad.AddAsync(database, series, days, end, size - loaded);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  loaded {size - loaded:N0} rows in {load.Elapsed.TotalMinutes:F1} min (load average {Measurement.LoadAverage()})"));
                loaded = size;
                var from = end.AddHours(-24);
                var timings = new (string Query, Func<Task> Run)[]
                {
                    ("list name limit 100", () => queries.ListAsync(new MetricFilter("metric_3", null, null, NoLabels, 100, null), default)),
                    ("list name+label limit 100", () => queries.ListAsync(new MetricFilter("metric_3", null, null, Host7, 100, null), default)),
                    ("list label limit 100", () => queries.ListAsync(new MetricFilter(null, null, null, Host7, 100, null), default)),
                    ("list all limit 100", () => queries.ListAsync(new MetricFilter(null, null, null, NoLabels, 100, null), default)),
                    ("agg 24h/1h avg,max,count", () => queries.AggregateAsync(new AggregateQuery("metric_3", from, end, TimeSpan.FromHours(1), NoLabels, Functions("avg", "max", "count")), default)),
                    ("agg 24h/1h p95 (raw)", () => queries.AggregateAsync(new AggregateQuery("metric_3", from, end, TimeSpan.FromHours(1), NoLabels, Functions("p95")), default)),
                    ("agg 24h/1m one host avg", () => queries.AggregateAsync(new AggregateQuery("metric_3", from, end, TimeSpan.FromMinutes(1), Host7, Functions("avg")), default)),
                    ("agg 24h/1h one host avg,max,count", () => queries.AggregateAsync(new AggregateQuery("metric_3", from, end, TimeSpan.FromHours(1), Host7, Functions("avg", "max", "count")), default)),
                    ("agg 24h/1h one host p95 (raw)", () => queries.AggregateAsync(new AggregateQuery("metric_3", from, end, TimeSpan.FromHours(1), Host7, Functions("p95")), default)),
                };
                var results = new List<string>();
                foreach (var (query, run) in timings)
                {
                    var median = await MedianMillisecondsAsync(run);
                    results.Add(string.Create(CultureInfo.InvariantCulture, $"[{query}]={median:F1}ms"));
                }
                var (bytes, rawBytes) = await BytesAsync(database);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"storage rows={size} series={series} days={days} {string.Join(' ', results)} bytes_per_metric={bytes / (double)size:F0} raw_only_bytes_per_metric={rawBytes / (double)size:F0} load_avg={Measurement.LoadAverage()}"));
                Console.WriteLine("  " + await StorageFootprint.DescribeAsync(database, size));
            }
            return 0;
        }
        finally
        {
            await BenchmarkDatabase.DropAsync(database);
        }
    }

    private static readonly Dictionary<string, string> NoLabels = [];

    private static readonly Dictionary<string, string> Host7 = new() { ["host"] = "h7" };

    private static List<AggregateFunction> Functions(params string[] names) =>
        [.. names.Select(n => { AggregateFunction.TryParse(n, out var f); return f!; })];

    private static async Task<double> MedianMillisecondsAsync(Func<Task> run)
    {
        await run(); // warm the cache and the plan
        var samples = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }
        return WriterComparison.Median(samples);
    }

    private static async Task<(long All, long Raw)> BytesAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint,
                   coalesce(sum(pg_total_relation_size(c.oid)) FILTER (WHERE p.relname = 'metrics'), 0)::bigint
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
            WHERE c.relkind = 'r' AND p.relname IN ('metrics', 'rollup_1m', 'rollup_1h')
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var all = reader.GetInt64(0);
        var raw = reader.GetInt64(1);
        await reader.CloseAsync();
        await using var seriesSize = new NpgsqlCommand("SELECT pg_total_relation_size('series')", connection);
        return (all + (long)(await seriesSize.ExecuteScalarAsync())!, raw);
    }
}
