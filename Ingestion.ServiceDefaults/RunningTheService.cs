using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Ingestion.ServiceDefaults;

/// <summary>How the API and the worker run: a failure to start (PostgreSQL never answered, a migration failed) ends the
/// process with exit code 1 and one critical log line, rather than an unhandled-exception abort (exit 134, a core dump).</summary>
public static partial class RunningTheService
{
    /// <summary>Runs <paramref name="app"/> until it stops; returns the process exit code.</summary>
    public static int RunToExitCode(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Taken before running: a host that fails to start disposes its services, the logger factory among them.
        var logger = app.Logger;
        var service = app.Environment.ApplicationName;
        try
        {
            app.Run();
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The host has logged the exception with its stack already; this line is the one an operator reads.
            LogStopped(logger, service, e.Message);
            return 1;
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Service} stopped: {Reason}")]
    private static partial void LogStopped(ILogger logger, string service, string reason);
}
