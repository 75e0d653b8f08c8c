using Confluent.Kafka;

namespace Ingestion.Kafka.Consuming;

/// <summary>Dispatches a partition's records into the endpoint's MassTransit pipeline.</summary>
internal interface IWindowDispatcher
{
    /// <summary>Dispatches <paramref name="records"/> together (one window, or each record at once) as <paramref name="attempt"/> describes.</summary>
    Task<DispatchOutcome> DispatchAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records, DispatchAttempt attempt, CancellationToken cancellationToken);
}
