using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Ingestion.Ops;

/// <summary>
/// Makes text from records (metric names, keys, errors, headers) safe to print on an operator's terminal: every control
/// character (C0 including tab and carriage return, DEL, C1) becomes a visible <c>\u001b</c>-style escape, so a hostile record
/// cannot move the cursor, clear the screen, set the window title or inject an OSC sequence. Newlines survive only where
/// the output is multi-line text (<see cref="TerminalSafeWriter"/>).
/// </summary>
internal static class TerminalText
{
    public static bool IsControl(char c) => c < ' ' || c is >= '\u007f' and <= '\u009f';

    public static string Escape(string? text, bool keepNewlines = false)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var first = text.AsSpan().IndexOfAnyInRange('\0', '\u001f');
        var c1 = text.AsSpan().IndexOfAnyInRange('\u007f', '\u009f');
        if (first < 0 && c1 < 0) return text;
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!IsControl(c) || (keepNewlines && c == '\n'))
                builder.Append(c);
            else
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    /// <summary>A table cell: control characters escaped, then Spectre markup escaped.</summary>
    public static string Cell(string? text) => Markup.Escape(Escape(text));
}
