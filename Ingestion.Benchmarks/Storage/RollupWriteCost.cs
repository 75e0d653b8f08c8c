using System.Globalization;
using Ingestion.Benchmarks.Kafka;
using Ingestion.Benchmarks.Worker;
using Ingestion.Storage.Writing;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Benchmarks.Storage;

/// <summary>
/// <c>storage-write</c>: rows/s through <see cref="MetricWriter.WriteAsync"/> (raw rows + rollups) against
/// <see cref="MetricWriter.WriteWithoutRollupsAsync"/> (raw rows only), alternating, on one fresh database; medians.
/// </summary>
internal static class RollupWriteCost
{
    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var batch = arguments.Int("batch", 1_000);
        var batches = arguments.Int("batches", 50);
        var runs = arguments.Int("runs", 5);
        var database = await BenchmarkDatabase.CreateAsync(arguments);
        try
        {
            await using var services = BenchmarkDatabase.Services(database);
            var writer = services.GetRequiredService<MetricWriter>();
            await writer.WriteAsync(SampleMetrics.Create(0, batch), CancellationToken.None); // series, partitions, plans
            await writer.WriteWithoutRollupsAsync(SampleMetrics.Create(0, batch), CancellationToken.None);
            var with = new List<double>();
            var without = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                with.Add(await WriterComparison.MeasureAsync(batches, batch, writer.WriteAsync));
                without.Add(await WriterComparison.MeasureAsync(batches, batch, writer.WriteWithoutRollupsAsync));
            }
            var a = WriterComparison.Median(with);
            var b = WriterComparison.Median(without);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"storage-write batch={batch} runs={runs} with_rollups_rows_per_sec={a:F0} without_rollups_rows_per_sec={b:F0} ratio={a / b:F2}"));
            return 0;
        }
        finally
        {
            await BenchmarkDatabase.DropAsync(database);
        }
    }
}
