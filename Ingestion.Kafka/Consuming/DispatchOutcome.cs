namespace Ingestion.Kafka.Consuming;

/// <summary>
/// What one dispatch of records came to: the failures (null when every record completed or its fault was settled on the
/// endpoint's error pipe) and the consume attempts the pipeline made (in-memory retries included; 1 when not counted).
/// </summary>
internal sealed record DispatchOutcome(List<RecordFailure>? Failures, int Attempts)
{
    public static readonly DispatchOutcome Completed = new(null, 1);
}
