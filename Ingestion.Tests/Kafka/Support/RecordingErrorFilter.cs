using System.Collections.Concurrent;
using Ingestion.Kafka.Consuming;
using MassTransit;

namespace Ingestion.Tests.Kafka.Support;

/// <summary>A user's filter on a topic endpoint's error pipe: records each fault it sees, then hands it on (or, when told, does not).</summary>
public sealed class RecordingErrorFilter(bool handOn = true) : IFilter<ExceptionReceiveContext>
{
    public ConcurrentQueue<(long Offset, Exception Exception)> Seen { get; } = new();

    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        Seen.Enqueue((context.TryGetPayload(out KafkaRecordContext? record) ? record.Offset : -1, context.Exception));
        if (handOn) await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("recordingError");
}
