using MassTransit.Transports;

namespace Ingestion.Kafka.Riding;

internal sealed class KafkaRiderHandle(Task ready, Func<CancellationToken, Task> stop) : RiderHandle
{
    public Task Ready => ready;

    public Task StopAsync(CancellationToken cancellationToken) => stop(cancellationToken);
}
