using System.Text;
using Spectre.Console;

namespace Ingestion.Ops;

/// <summary>Output for pipes, logs and tests: not a terminal, and wide enough that table cells are never wrapped.</summary>
internal sealed class PlainOutput(TextWriter writer) : IAnsiConsoleOutput
{
    public TextWriter Writer { get; } = writer;

    public bool IsTerminal => false;

    public int Width => 400;

    public int Height => 50;

    public void SetEncoding(Encoding encoding)
    {
        // The writer's encoding is the caller's choice.
    }
}
