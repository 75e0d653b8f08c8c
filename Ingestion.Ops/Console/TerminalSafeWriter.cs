using System.Text;

namespace Ingestion.Ops;

/// <summary>
/// A writer that escapes control characters (except newline) in everything written through it: the plain-text outputs of
/// the tool (messages, warnings, errors, <c>dlq show</c>'s original message). Spectre tables write to the inner writer
/// directly (they emit their own colour codes on a terminal) and escape their cells with <see cref="TerminalText.Cell"/>.
/// </summary>
internal sealed class TerminalSafeWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (TerminalText.IsControl(value) && value != '\n')
            inner.Write(TerminalText.Escape(value.ToString()));
        else
            inner.Write(value);
    }

    public override void Write(string? value) => inner.Write(TerminalText.Escape(value, keepNewlines: true));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => inner.Write(TerminalText.Escape(value, keepNewlines: true) + NewLine);

    public override Task WriteAsync(string? value) => inner.WriteAsync(TerminalText.Escape(value, keepNewlines: true));

    public override Task WriteLineAsync(string? value) => inner.WriteAsync(TerminalText.Escape(value, keepNewlines: true) + NewLine);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();
}
