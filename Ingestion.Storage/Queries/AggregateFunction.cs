using System.Globalization;

namespace Ingestion.Storage.Queries;

/// <summary>An aggregate over a window: avg, min, max, sum, count, or a percentile pNN (p50, p95, p99, ...).</summary>
public sealed record AggregateFunction(string Name, double? Percentile)
{
    private static readonly string[] Plain = ["avg", "min", "max", "sum", "count"];

    public static bool TryParse(string text, out AggregateFunction? function)
    {
        function = null;
        var name = text.Trim().ToLowerInvariant();
        if (Plain.Contains(name))
        {
            function = new AggregateFunction(name, null);
            return true;
        }
        if (name.Length is 2 or 3 && name[0] == 'p'
            && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 99)
        {
            function = new AggregateFunction(name, p / 100.0);
            return true;
        }
        return false;
    }
}
