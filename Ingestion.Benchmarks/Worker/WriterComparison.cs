using System.Diagnostics;
using System.Globalization;
using Ingestion.Benchmarks.Kafka;
using Ingestion.Storage.Writing;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Benchmarks.Worker;

/// <summary>
/// Rows/s into PostgreSQL through <see cref="MetricWriter.WriteAsync"/> (one unnest statement per batch) against
/// <see cref="MetricWriter.WriteRowByRowAsync"/> (one statement per row), on the same fresh database, medians of several runs.
/// </summary>
internal static class WriterComparison
{
    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var batch = arguments.Int("batch", 1_000);
        var setBatches = arguments.Int("batches", 50);
        var rowBatches = arguments.Int("row-batches", 3);
        var runs = arguments.Int("runs", 5);
        var database = await BenchmarkDatabase.CreateAsync(arguments);
        await using var services = BenchmarkDatabase.Services(database);
        var writer = services.GetRequiredService<MetricWriter>();
        await writer.WriteAsync(SampleMetrics.Create(0, batch), CancellationToken.None); // warm up

        var setRates = new List<double>();
        var rowRates = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            setRates.Add(await MeasureAsync(setBatches, batch, writer.WriteAsync));
            rowRates.Add(await MeasureAsync(rowBatches, batch, writer.WriteRowByRowAsync));
        }
        var set = Median(setRates);
        var row = Median(rowRates);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"worker-write batch={batch} runs={runs} set_based_rows_per_sec={set:F0} per_row_rows_per_sec={row:F0} ratio={set / row:F1} set_runs=[{string.Join(' ', setRates.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}] row_runs=[{string.Join(' ', rowRates.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}]"));
        return 0;
    }

    internal static async Task<double> MeasureAsync(int batches, int size, Func<IReadOnlyList<Ingestion.Contracts.MetricRecorded>, CancellationToken, Task<int>> write)
    {
        var data = Enumerable.Range(0, batches).Select(b => SampleMetrics.Create(b * size, size)).ToArray();
        var watch = Stopwatch.StartNew();
        var inserted = 0;
        foreach (var metrics in data)
            inserted += await write(metrics, CancellationToken.None);
        watch.Stop();
        if (inserted != batches * size)
            throw new InvalidOperationException($"Expected {batches * size} new rows, got {inserted}.");
        return inserted / watch.Elapsed.TotalSeconds;
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
