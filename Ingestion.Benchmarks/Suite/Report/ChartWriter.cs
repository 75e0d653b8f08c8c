using ScottPlot;

namespace Ingestion.Benchmarks.Suite.Report;

/// <summary>
/// The report's charts as PNG files (ScottPlot on SkiaSharp; text needs a TrueType font on the machine, which
/// <c>benchmarks/suite/run</c> installs when none is there). Each chart is listed in <see cref="BenchResults.Charts"/>
/// under <c>phase-key:title</c>.
/// </summary>
public static class ChartWriter
{
    public static void WriteAll(BenchResults results, string directory)
    {
        Directory.CreateDirectory(directory);
        if (results.Phases.FirstOrDefault(p => p.Key == "worker") is { Series.Count: > 0 } worker)
            Save(results, directory, "worker:metrics stored per second", "worker-throughput.png", WorkerThroughput(worker));
        if (results.Phases.FirstOrDefault(p => p.Key == "api-single") is { Measures.Count: > 0 } single)
            Save(results, directory, "api-single:latency percentiles per connection count", "api-latency.png", LatencyPerConnections(single));
    }

    public static Plot WorkerThroughput(PhaseResult worker)
    {
        var plot = new Plot();
        foreach (var series in worker.Series)
        {
            var line = plot.Add.Signal(series.PerSecond.ToArray());
            line.LegendText = series.Label;
            if (series.MarkAt is { } mark)
            {
                var marker = plot.Add.VerticalLine(mark, 1, line.Color);
                marker.LinePattern = LinePattern.Dashed;
                marker.Text = series.Mark ?? "";
            }
        }
        plot.Title("Worker: metrics stored per second (Kafka to PostgreSQL)");
        plot.XLabel("seconds since the first row");
        plot.YLabel("metrics/s");
        plot.Axes.SetLimitsY(0, worker.Series.SelectMany(s => s.PerSecond).DefaultIfEmpty(1).Max() * 1.1);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    /// <summary>Median p50, p90, p99 and max latency (ms, log scale) against the number of connections.</summary>
    public static Plot LatencyPerConnections(PhaseResult single)
    {
        var connections = single.Measures.Where(m => m.Key.EndsWith(".rps", StringComparison.Ordinal))
            .Select(m => int.Parse(m.Key[1..m.Key.IndexOf('.', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var plot = new Plot();
        var positions = Enumerable.Range(0, connections.Length).Select(i => (double)i).ToArray();
        foreach (var percentile in new[] { "p50", "p90", "p99", "max" })
        {
            var values = connections.Select(c => single.Measures.FirstOrDefault(m => m.Key == $"c{c}.{percentile}")?.Median ?? double.NaN)
                .Select(v => Math.Log10(Math.Max(v, 0.01))).ToArray();
            var line = plot.Add.Scatter(positions, values);
            line.LegendText = percentile;
        }
        plot.Axes.Bottom.SetTicks(positions, connections.Select(c => $"{c} connections").ToArray());
        var decades = new[] { 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000 };
        plot.Axes.Left.SetTicks(decades.Select(Math.Log10).ToArray(), decades.Select(d => $"{d:0.#} ms").ToArray());
        plot.Title("API single metrics: latency per connection count (wrk, medians)");
        plot.YLabel("latency (log scale)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static void Save(BenchResults results, string directory, string key, string file, Plot plot)
    {
        plot.SavePng(Path.Combine(directory, file), 900, 480);
        results.Charts[key] = file;
    }
}
