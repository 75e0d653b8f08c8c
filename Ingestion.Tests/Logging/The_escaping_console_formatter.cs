using Ingestion.Kafka.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Ingestion.Tests.Logging;

[TestFixture]
public sealed class The_escaping_console_formatter
{
    private const string Hostile = "\u001b]0;PWNED\u0007\u001b[2J\u009b31m\u007f\r";

    [Test]
    public void Writes_escape_sequences_of_a_message_and_its_exception_as_visible_text()
    {
        var text = Format($"metric {Hostile} refused", new InvalidOperationException("bad " + Hostile));

        Assert.Multiple(() =>
        {
            Assert.That(text.Where(c => c != '\n' && (c < ' ' || c is >= '\u007f' and <= '\u009f')), Is.Empty);
            Assert.That(text, Does.Contain("metric \\u001b]0;PWNED\\u0007\\u001b[2J\\u009b31m\\u007f\\u000d refused"));
            Assert.That(text, Does.Contain("bad \\u001b]0;PWNED"));
            Assert.That(text, Does.StartWith("warn: Ingestion.Test[7]\n      metric"));
        });
    }

    [Test]
    public void Indents_lines_after_a_newline_in_a_message_so_a_forged_line_stands_out()
    {
        var text = Format("first\nfail: Forged[0]", null);

        Assert.That(text, Is.EqualTo("warn: Ingestion.Test[7]\n      first\n      fail: Forged[0]\n"));
    }

    private static string Format(string message, Exception? exception)
    {
        var formatter = new EscapingConsoleFormatter(new StaticOptions());
        using var writer = new StringWriter();
        formatter.Write(new LogEntry<string>(LogLevel.Warning, "Ingestion.Test", new EventId(7), message, exception, (state, _) => state), null, writer);
        return writer.ToString();
    }

    private sealed class StaticOptions : IOptionsMonitor<ConsoleFormatterOptions>
    {
        public ConsoleFormatterOptions CurrentValue { get; } = new();

        public ConsoleFormatterOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<ConsoleFormatterOptions, string?> listener) => null;
    }
}
