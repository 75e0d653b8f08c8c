using Ingestion.Benchmarks.Suite.Report;

namespace Ingestion.Benchmarks.Suite;

/// <summary><c>suite-compare --old OLD.json --new NEW.json</c>: prints new/old for every median both runs measured.</summary>
internal static class CompareCommand
{
    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var oldFile = arguments.String("old") ?? throw new ArgumentException("--old OLD.json is required.");
        var newFile = arguments.String("new") ?? throw new ArgumentException("--new NEW.json is required.");
        var old = ResultsFile.Deserialize(await File.ReadAllTextAsync(oldFile));
        var current = ResultsFile.Deserialize(await File.ReadAllTextAsync(newFile));
        Console.Write(ResultComparison.Format(ResultComparison.Compare(old, current), old, current));
        return 0;
    }
}
