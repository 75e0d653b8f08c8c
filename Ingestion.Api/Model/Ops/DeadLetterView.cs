namespace Ingestion.Api.Model.Ops;

/// <summary>One dead-lettered record: where it is, why it failed, and the command that shows all of it.</summary>
/// <param name="Partition">Partition on the dead-letter topic.</param>
/// <param name="Offset">Offset on the dead-letter topic.</param>
/// <param name="DeadLetteredAt">When it was dead-lettered.</param>
/// <param name="Reason"><c>deserialization</c>, <c>validation</c> or <c>exhausted</c>; null when the value is not a DLQ record.</param>
/// <param name="Error">The error (at most 2,000 characters here; <c>dlq show</c> prints all of it).</param>
/// <param name="ErrorType">The exception type.</param>
/// <param name="MetricName">The metric's name when the original message was a JSON object with one.</param>
/// <param name="OriginalTopic">Where the record came from.</param>
/// <param name="OriginalPartition">Its partition there.</param>
/// <param name="OriginalOffset">Its offset there.</param>
/// <param name="Attempts">Delivery attempts before it was dead-lettered.</param>
/// <param name="ShowCommand">The <c>ingestion-ops dlq show</c> command that prints the whole record.</param>
public sealed record DeadLetterView(
    int Partition,
    long Offset,
    DateTimeOffset DeadLetteredAt,
    string? Reason,
    string? Error,
    string? ErrorType,
    string? MetricName,
    string? OriginalTopic,
    int? OriginalPartition,
    long? OriginalOffset,
    int? Attempts,
    string ShowCommand);
