using Spectre.Console;

namespace Ingestion.Ops;

/// <summary>Spectre consoles over the given writers; colours, live progress and prompts only on a terminal.</summary>
internal static class OpsConsole
{
    public static IAnsiConsole Create(TextWriter writer, OpsTerminal terminal)
    {
        var interactive = terminal.OutputIsTerminal;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = interactive ? new AnsiConsoleOutput(writer) : new PlainOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive && terminal.InputIsTerminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
    }
}
