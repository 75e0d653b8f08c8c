namespace Ingestion.Kafka.DeadLettering;

/// <summary>
/// A payload of the receive that settles a record its consumer rejected (see <c>Reject</c>): the record is dispatched once
/// more on its own, and <see cref="RejectedRecordFilter"/> fails that dispatch with <see cref="Exception"/> before any
/// consumer runs, so MassTransit takes the fault down the endpoint's error pipe as any fault of that one record.
/// </summary>
internal sealed class RecordRejection(Exception exception)
{
    public Exception Exception => exception;
}
