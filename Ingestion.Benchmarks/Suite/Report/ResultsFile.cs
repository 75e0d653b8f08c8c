using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ingestion.Benchmarks.Suite.Report;

/// <summary>Reads and writes <c>bench-results.json</c> (camelCase; NaN written as a string so no figure is lost).</summary>
public static class ResultsFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize(BenchResults results) => JsonSerializer.Serialize(results, Options);

    public static BenchResults Deserialize(string json) =>
        JsonSerializer.Deserialize<BenchResults>(json, Options) ?? throw new InvalidDataException("The results file is empty.");
}
