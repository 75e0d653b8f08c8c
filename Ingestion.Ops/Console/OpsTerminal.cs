namespace Ingestion.Ops;

/// <summary>What the tool may assume about the terminal: colours and prompts only when a person is watching.</summary>
public sealed record OpsTerminal(bool OutputIsTerminal, bool InputIsTerminal)
{
    /// <summary>Plain output and no prompts: tests, pipes and scripts.</summary>
    public static OpsTerminal None { get; } = new(false, false);

    /// <summary>The real console of this process.</summary>
    public static OpsTerminal Detect() => new(!System.Console.IsOutputRedirected, !System.Console.IsInputRedirected);
}
