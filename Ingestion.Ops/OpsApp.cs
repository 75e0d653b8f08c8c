using System.CommandLine;
using Ingestion.Ops.Commands;
using Microsoft.Extensions.Configuration;

namespace Ingestion.Ops;

/// <summary>The <c>ingestion-ops</c> tool as a callable: the process entry point and tests run the same code.</summary>
public static class OpsApp
{
    /// <summary>Runs one command line with plain output (no colours, no prompts), as scripts and tests see it.</summary>
    /// <param name="args">The command line, for example <c>["dlq", "list", "--json"]</c>.</param>
    /// <param name="output">Where results go.</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="overrides">Configuration applied over appsettings.json and the environment (flags still win).</param>
    /// <param name="cancellationToken">Cancels the command, as SIGINT/SIGTERM do in the process.</param>
    /// <returns>The exit code: 0 on success.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IConfiguration? overrides = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, overrides, OpsTerminal.None, cancellationToken);

    /// <summary>Runs one command line; <paramref name="terminal"/> says whether colours, live progress and prompts may be used.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IConfiguration? overrides,
        OpsTerminal terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var runner = new CommandRunner(output, error, overrides, terminal);
        var root = OpsCommands.CreateRoot(runner);
        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            // Program.cs turns SIGINT/SIGTERM into cancellation itself; in-process callers must not have handlers installed.
            ProcessTerminationTimeout = null,
        };
        return await root.Parse(args).InvokeAsync(invocation, cancellationToken);
    }
}
