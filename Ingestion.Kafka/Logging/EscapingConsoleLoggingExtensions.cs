using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Ingestion.Kafka.Logging;

public static class EscapingConsoleLoggingExtensions
{
    /// <summary>
    /// Console logs through <see cref="EscapingConsoleFormatter"/> unless <c>Logging:Console:FormatterName</c> names another
    /// formatter (<c>json</c> escapes control characters by itself; <c>simple</c> and <c>systemd</c> would not, so they select
    /// the escaping one too).
    /// </summary>
    public static ILoggingBuilder AddEscapingConsole(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.AddConsoleFormatter<EscapingConsoleFormatter, ConsoleFormatterOptions>();
        logging.Services.PostConfigure<ConsoleLoggerOptions>(console =>
        {
            if (console.FormatterName is null or "" || console.FormatterName.Equals(ConsoleFormatterNames.Simple, StringComparison.OrdinalIgnoreCase)
                || console.FormatterName.Equals(ConsoleFormatterNames.Systemd, StringComparison.OrdinalIgnoreCase))
                console.FormatterName = EscapingConsoleFormatter.FormatterName;
        });
        return logging;
    }
}
