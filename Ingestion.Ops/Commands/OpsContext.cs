using Ingestion.Ops.Configuration;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace Ingestion.Ops.Commands;

/// <summary>What a command handler gets: resolved settings and the outputs to write to.</summary>
internal sealed record OpsContext(
    IConfiguration Configuration, OpsSettings Settings, IAnsiConsole Console, TextWriter Output, TextWriter Error, OpsTerminal Terminal)
{
    /// <summary>Writes a warning line to the error stream (kept off stdout so --json output stays parseable).</summary>
    public void Warn(string message) => Error.WriteLine($"warning: {message}");
}
