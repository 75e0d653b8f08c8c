using System.Globalization;

namespace Ingestion.Api.Operations;

/// <summary>
/// Reads the values of chosen metric families from Prometheus text exposition (version 0.0.4), the format the workers
/// serve at <c>/metrics</c>. Labels are skipped (quotes and escapes honoured); comments and other families are ignored.
/// </summary>
public static class PrometheusText
{
    /// <summary>The sum of every sample of each family in <paramref name="names"/> that the text holds (absent families are left out).</summary>
    public static IReadOnlyDictionary<string, double> Sum(string text, IReadOnlyCollection<string> names) =>
        Aggregate(text, names, (a, b) => a + b);

    /// <summary>The largest sample of each family in <paramref name="names"/> that the text holds.</summary>
    public static IReadOnlyDictionary<string, double> Max(string text, IReadOnlyCollection<string> names) =>
        Aggregate(text, names, Math.Max);

    private static Dictionary<string, double> Aggregate(string text, IReadOnlyCollection<string> names, Func<double, double, double> combine)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(names);
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan(range).Trim();
            if (line.IsEmpty || line[0] == '#' || !TryParse(line, out var name, out var value))
                continue;
            foreach (var wanted in names)
            {
                if (!name.SequenceEqual(wanted)) continue;
                result[wanted] = result.TryGetValue(wanted, out var sum) ? combine(sum, value) : value;
                break;
            }
        }
        return result;
    }

    private static bool TryParse(ReadOnlySpan<char> line, out ReadOnlySpan<char> name, out double value)
    {
        value = 0;
        var end = line.IndexOfAny('{', ' ');
        name = end < 0 ? line : line[..end];
        if (end < 0) return false;
        var rest = line[end..];
        if (rest[0] == '{')
        {
            var close = EndOfLabels(rest);
            if (close < 0) return false;
            rest = rest[(close + 1)..];
        }
        rest = rest.TrimStart();
        var space = rest.IndexOf(' ');
        var number = space < 0 ? rest : rest[..space];
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            || TrySpecial(number, out value);
    }

    /// <summary>The index of the <c>}</c> closing the label set that <paramref name="labels"/> opens, or -1.</summary>
    private static int EndOfLabels(ReadOnlySpan<char> labels)
    {
        var quoted = false;
        for (var i = 1; i < labels.Length; i++)
        {
            var c = labels[i];
            if (quoted && c == '\\') i++;
            else if (c == '"') quoted = !quoted;
            else if (!quoted && c == '}') return i;
        }
        return -1;
    }

    private static bool TrySpecial(ReadOnlySpan<char> number, out double value)
    {
        value = number switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => 0,
        };
        return number is "+Inf" or "-Inf" or "NaN";
    }
}
