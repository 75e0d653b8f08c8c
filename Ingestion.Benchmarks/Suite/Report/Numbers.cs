using System.Globalization;

namespace Ingestion.Benchmarks.Suite.Report;

/// <summary>Figures as people read them: thousands separated, two or three significant digits for small values.</summary>
public static class Numbers
{
    public static string Format(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return "–";
        var magnitude = Math.Abs(value);
        var format = magnitude >= 100 || value == Math.Floor(value) ? "N0" : magnitude >= 10 ? "F1" : "F2";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    public static string Ratio(double value) =>
        double.IsNaN(value) || double.IsInfinity(value) ? "–" : value.ToString("F2", CultureInfo.InvariantCulture) + "×";
}
