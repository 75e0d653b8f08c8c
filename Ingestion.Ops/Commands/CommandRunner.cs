using System.CommandLine;
using Confluent.Kafka;
using Ingestion.Kafka.Native;
using Ingestion.Ops.Configuration;
using Ingestion.Telemetry;
using Ingestion.Storage.Migrating;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Ingestion.Ops.Commands;

/// <summary>Binds handlers to commands: resolves configuration, and turns every failure into one sentence and an exit code.</summary>
internal sealed class CommandRunner(TextWriter rawOutput, TextWriter rawError, IConfiguration? overrides, OpsTerminal terminal)
{
    // Plain text goes through writers that escape control characters; Spectre writes to the raw one (its cells are escaped).
    private readonly TextWriter output = new TerminalSafeWriter(rawOutput);
    private readonly TextWriter error = new TerminalSafeWriter(rawError);

    public void Bind(Command command, Func<OpsContext, ParseResult, CancellationToken, Task<int>> handler) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var verbose = parse.GetValue(GlobalOptions.Verbose);
            OpsSettings? settings = null;
            try
            {
                var flags = new Dictionary<string, string?>
                {
                    ["Kafka:BootstrapServers"] = parse.GetValue(GlobalOptions.BootstrapServers),
                    ["ConnectionStrings:Metrics"] = parse.GetValue(GlobalOptions.ConnectionString),
                };
                var configuration = OpsConfiguration.Build(overrides, flags);
                // Spans of the rider, MassTransit and Npgsql go over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
                using var tracing = ToolTracing.Start("ingestion-ops", configuration);
                settings = OpsSettings.From(configuration);
                var context = new OpsContext(configuration, settings, OpsConsole.Create(rawOutput, terminal), output, error, terminal);
                return await handler(context, parse, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await error.WriteLineAsync("Cancelled.");
                return 130;
            }
            catch (Exception exception)
            {
                await error.WriteLineAsync($"error: {Describe(exception, settings)}");
                if (verbose)
                    await error.WriteLineAsync(exception.ToString());
                else if (exception is not (OpsException or StorageUnavailableException or KafkaException or KafkaNativeLibraryException))
                    await error.WriteLineAsync("(run with --verbose for details)");
                return 1;
            }
        });

    private static string Describe(Exception exception, OpsSettings? settings) => exception switch
    {
        OpsException ops => ops.Message,
        KafkaNativeLibraryException native => native.Message,
        StorageUnavailableException storage => storage.Message,
        KafkaException { Error.Code: ErrorCode.Local_Transport or ErrorCode.Local_TimedOut or ErrorCode.Local_AllBrokersDown } kafka =>
            $"Could not reach Kafka at {settings?.BootstrapServers}: {kafka.Error.Reason}.",
        KafkaException kafka => $"Kafka failed: {kafka.Error.Reason} ({kafka.Error.Code}).",
        NpgsqlException postgres => $"PostgreSQL failed: {postgres.Message}",
        _ => exception.Message,
    };
}
