namespace Ingestion.Benchmarks.Suite.Report;

/// <summary>A count that must match: rows expected against present, duplicates (expected 0), DLQ records (expected 0).</summary>
public sealed record IntegrityCheck(string Phase, string What, long Expected, long Actual)
{
    /// <summary>
    /// When true, <see cref="Actual"/> may exceed <see cref="Expected"/> (for example: records on the topic against 202s
    /// counted by wrk, which cannot count requests whose answer came after its timeout).
    /// </summary>
    public bool AtLeast { get; init; }

    public bool Holds => AtLeast ? Actual >= Expected : Actual == Expected;
}
