using System.Globalization;
using System.Text;

namespace Ingestion.Benchmarks.Suite.Report;

/// <summary>
/// <c>--compare OLD.json</c>: the ratio new/old of every median both runs measured, and whether it moved the good way.
/// </summary>
public static class ResultComparison
{
    /// <summary>Changes within this fraction either way count as unchanged: repetitions on one machine spread that much.</summary>
    public const double Tolerance = 0.05;

    public static List<ComparisonRow> Compare(BenchResults old, BenchResults current)
    {
        var rows = new List<ComparisonRow>();
        foreach (var phase in current.Phases)
        {
            var oldPhase = old.Phases.FirstOrDefault(p => p.Key == phase.Key);
            if (oldPhase is null) continue;
            foreach (var measure in phase.Measures)
            {
                var oldMeasure = oldPhase.Measures.FirstOrDefault(m => m.Key == measure.Key);
                if (oldMeasure is null) continue;
                var ratio = measure.Median / oldMeasure.Median;
                rows.Add(new ComparisonRow(phase.Key, measure.Label, measure.Unit, oldMeasure.Median, measure.Median, ratio, Verdict(ratio, measure.HigherIsBetter)));
            }
        }
        return rows;
    }

    public static string Verdict(double ratio, bool higherIsBetter)
    {
        if (double.IsNaN(ratio) || double.IsInfinity(ratio)) return "n/a";
        if (Math.Abs(ratio - 1) <= Tolerance) return "same";
        return (ratio > 1) == higherIsBetter ? "better" : "worse";
    }

    public static string Format(List<ComparisonRow> rows, BenchResults old, BenchResults current)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"old: {old.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC, commit {old.Commit}, {old.Mode}, load before {old.Machine.LoadBefore}");
        text.AppendLine(CultureInfo.InvariantCulture, $"new: {current.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC, commit {current.Commit}, {current.Mode}, load before {current.Machine.LoadBefore}");
        var width = rows.Select(r => r.Phase.Length + r.Label.Length + r.Unit.Length + 4).DefaultIfEmpty(10).Max();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"measure".PadRight(width)} {"old",12} {"new",12} {"new/old",8}  verdict");
        foreach (var row in rows)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{$"{row.Phase}: {row.Label} ({row.Unit})".PadRight(width)} {Numbers.Format(row.Old),12} {Numbers.Format(row.New),12} {Numbers.Ratio(row.Ratio),8}  {row.Verdict}");
        var better = rows.Count(r => r.Verdict == "better");
        var worse = rows.Count(r => r.Verdict == "worse");
        text.AppendLine(CultureInfo.InvariantCulture, $"{rows.Count} measures compared: {better} better, {worse} worse, {rows.Count - better - worse} unchanged or n/a (tolerance ±{Tolerance:P0})");
        return text.ToString();
    }
}

public sealed record ComparisonRow(string Phase, string Label, string Unit, double Old, double New, double Ratio, string Verdict);
