using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Ingestion.Kafka.Logging;

/// <summary>
/// The services' plain console format (the layout of .NET's <c>simple</c> formatter, without colours), with every control
/// character a log line carries (C0 but newline, DEL, C1) written as a visible <c>\u001b</c>-style escape. Metric names, keys,
/// labels and database errors come from whoever wrote the record; escaping at the formatter covers every log line, ours and
/// the libraries' (Npgsql, MassTransit, ASP.NET Core) alike, where sanitising values at each call site would miss the ones we
/// do not write. Newlines stay (stack traces, SQL) and continuation lines are indented, so a forged line stands out.
/// </summary>
public sealed class EscapingConsoleFormatter(IOptionsMonitor<ConsoleFormatterOptions> options) : ConsoleFormatter(FormatterName)
{
    /// <summary>The formatter's name (<c>Logging:Console:FormatterName</c>); <c>simple</c> and an unset name select it too.</summary>
    public const string FormatterName = "escaped";

    private const string Indent = "      ";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null) return;
        var settings = options.Get(Name) ?? options.CurrentValue;
        var line = new StringBuilder(128);
        if (settings.TimestampFormat is { } format)
            line.Append((settings.UseUtcTimestamp ? DateTimeOffset.UtcNow : DateTimeOffset.Now).ToString(format, CultureInfo.InvariantCulture));
        line.Append(Level(logEntry.LogLevel)).Append(": ");
        AppendEscaped(line, logEntry.Category);
        line.Append('[').Append(logEntry.EventId.Id.ToString(CultureInfo.InvariantCulture)).Append(']').Append('\n').Append(Indent);
        AppendEscaped(line, message ?? "");
        if (logEntry.Exception is { } exception)
            line.Append('\n').Append(Indent).Append(Escape(exception.ToString()));
        line.Append('\n');
        textWriter.Write(line.ToString());
    }

    /// <summary>Control characters but newline as <c>\uXXXX</c>; newlines followed by the continuation indent.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 16);
        AppendEscaped(builder, text);
        return builder.ToString();
    }

    private static void AppendEscaped(StringBuilder builder, string text)
    {
        foreach (var c in text)
        {
            if (c == '\n')
                builder.Append('\n').Append(Indent);
            else if (c < ' ' || c is >= '\u007f' and <= '\u009f')
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else
                builder.Append(c);
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString().ToLowerInvariant(),
    };
}
