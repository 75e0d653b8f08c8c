using System.Globalization;

namespace Ingestion.Benchmarks;

/// <summary><c>--name value</c> pairs with typed defaults.</summary>
public sealed class BenchmarkArguments(Dictionary<string, string> values)
{
    public static BenchmarkArguments Parse(ReadOnlySpan<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
            values[args[i].TrimStart('-')] = args[i + 1];
        return new BenchmarkArguments(values);
    }

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public string? String(string name) => values.GetValueOrDefault(name);
}
