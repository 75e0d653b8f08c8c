using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ingestion.Ops.DeadLetters;
using Spectre.Console;

namespace Ingestion.Ops.Commands.Dlq;

/// <summary><c>dlq show partition:offset</c>: the whole record, its headers, and the original message pretty-printed.</summary>
internal static class DlqShowCommand
{
    public static Command Create(CommandRunner runner)
    {
        var position = new Argument<string>("partition:offset") { Description = "The DLQ record, for example 0:42 (as dlq list shows it)." };
        var json = new Option<bool>("--json") { Description = "Print the record as one JSON object." };
        var dlqTopic = TopicOptions.DeadLetter();
        var command = new Command("show", "Show one dead-lettered record in full.") { position, json, dlqTopic };
        runner.Bind(command, (context, parse, cancellationToken) =>
        {
            var at = DeadLetterPosition.Parse(parse.GetValue(position)!);
            var topic = parse.GetValue(dlqTopic) ?? context.Settings.DeadLetterTopic;
            return Task.Run(() => Run(context, topic, at, parse.GetValue(json), cancellationToken), cancellationToken);
        });
        return command;
    }

    private static int Run(OpsContext context, string topic, DeadLetterPosition position, bool json, CancellationToken cancellationToken)
    {
        using var deadLetters = DlqOpening.Open(context, topic, context.Settings.ReplayGroup);
        var range = deadLetters.Ranges.FirstOrDefault(candidate => candidate.Partition == position.Partition)
            ?? throw new OpsException($"{topic} has no partition {position.Partition} (it has {deadLetters.Ranges.Count}).");
        var entry = deadLetters.ReadOne(position, cancellationToken)
            ?? throw new OpsException(range.High == range.Low
                ? $"{topic} partition {position.Partition} holds no records, so there is no record at {position}."
                : $"{topic} has no record at {position}: partition {position.Partition} holds offsets {range.Low} to {range.High - 1}.");

        if (json)
        {
            context.Output.WriteLine(OpsJson.Line(DlqShowDocument.From(topic, entry)));
            return 0;
        }

        var record = entry.Record;
        var envelope = new Table { Title = new TableTitle($"{TerminalText.Cell(topic)} {entry.Position}") }.HideHeaders();
        envelope.AddColumns("Field", "Value");
        void Row(string field, object? value) => envelope.AddRow(field, TerminalText.Cell(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "-"));
        Row("DLQ time", entry.DeadLetteredAt.ToString("O", CultureInfo.InvariantCulture));
        Row("Kafka time", entry.KafkaTimestamp.ToString("O", CultureInfo.InvariantCulture));
        Row("Key", entry.Key is null ? null : Encoding.UTF8.GetString(entry.Key));
        if (record is null)
        {
            Row("Unreadable", entry.ReadError);
        }
        else
        {
            Row("Reason", record.Reason);
            Row("Error type", record.ErrorType);
            Row("Error", record.Error);
            Row("Attempts", record.Attempts);
            Row("Original", $"{record.OriginalTopic} {record.Partition}:{record.Offset}");
            Row("Original size", $"{record.OriginalSize} bytes, sha256 {record.OriginalSha256}");
            if (record.OriginalTruncated || record.OriginalKeyTruncated)
                Row("Truncated", $"{(record.OriginalTruncated ? "message" : "")}{(record.OriginalTruncated && record.OriginalKeyTruncated ? ", " : "")}{(record.OriginalKeyTruncated ? "key" : "")} (not replayable from the DLQ)");
            Row("Original key", record.OriginalKey);
            Row("Consumer group", record.ConsumerGroup);
            Row("Message id", record.MessageId);
            Row("Replay count", record.ReplayCount);
        }
        context.Console.Write(envelope);

        var headers = new Table { Title = new TableTitle("Headers") };
        headers.AddColumns("Header", "Value");
        foreach (var header in entry.Headers)
            headers.AddRow(TerminalText.Cell(header.Key), TerminalText.Cell(DlqShowDocument.Text(header.Value)));
        context.Console.Write(headers);

        context.Output.WriteLine();
        context.Output.WriteLine(OriginalMessage(entry));
        return 0;
    }

    private static string OriginalMessage(DeadLetterEntry entry)
    {
        var bytes = entry.OriginalBytes();
        if (bytes is null)
            return entry.Record is null
                ? $"Original message: unavailable (the DLQ record is unreadable). Raw value:\n{DlqShowDocument.Text(entry.Value)}"
                : "Original message: none stored.";
        if (entry.Record is { OriginalTruncated: true } truncated)
            return $"Original message, TRUNCATED: the first {bytes.Length} of {truncated.OriginalSize} bytes" +
                $" (the whole original is on {truncated.OriginalTopic} {truncated.Partition}:{truncated.Offset} until retention):\n" +
                (DlqShowDocument.TryUtf8(bytes) ?? $"base64:{Convert.ToBase64String(bytes)}");
        if (DlqShowDocument.TryUtf8(bytes) is not { } text)
            return $"Original message ({bytes.Length} bytes, not UTF-8), base64:\n{Convert.ToBase64String(bytes)}";
        try
        {
            using var document = JsonDocument.Parse(text);
            return $"Original message ({bytes.Length} bytes, JSON):\n{JsonSerializer.Serialize(document.RootElement, OpsJson.Indented)}";
        }
        catch (JsonException)
        {
            return $"Original message ({bytes.Length} bytes, not JSON):\n{text}";
        }
    }
}
