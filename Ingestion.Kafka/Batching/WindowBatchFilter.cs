using Ingestion.Kafka.Consuming;
using MassTransit;
using MassTransit.Batching;
using MassTransit.Context;

namespace Ingestion.Kafka.Batching;

/// <summary>
/// Turns a window dispatch into the consumer's <c>Batch&lt;TMessage&gt;</c>: every readable record becomes a member with its
/// own <see cref="KafkaRecordContext"/>, unreadable records are reported back to the endpoint (which dead-letters them), and
/// the batch goes down the consumer's pipe (its definition's filters, a scoped consumer) in one send.
/// </summary>
internal sealed class WindowBatchFilter<TMessage>(IPipe<ConsumeContext<Batch<TMessage>>> batchPipe) : IFilter<ConsumeContext<KafkaRecordWindow>>
    where TMessage : class
{
    public async Task Send(ConsumeContext<KafkaRecordWindow> context, IPipe<ConsumeContext<KafkaRecordWindow>> next)
    {
        var window = context.GetPayload<KafkaWindowContext>();
        window.Received = true;
        var records = window.Records;
        var members = new List<ConsumeContext<TMessage>>(records.Count);
        List<(int, Exception)>? unreadable = null;
        KafkaRecordContext? first = null, last = null;
        for (var i = 0; i < records.Count; i++)
        {
            TMessage message;
            try
            {
                message = RecordMessageReader<TMessage>.Read(records[i]);
            }
            catch (Exception exception)
            {
                (unreadable ??= []).Add((i, exception));
                continue;
            }
            var record = new KafkaRecordContext(records[i], window.Endpoint, window.DeliveryCount);
            first ??= record;
            last = record;
            members.Add(new MessageConsumeContext<TMessage>(new ConsumeContextScope(context, record), message));
        }
        // A window of one unreadable record fails as a record would: its fault is final and goes down the error pipe.
        if (records.Count == 1 && unreadable is [var (_, unreadableError)])
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(unreadableError).Throw();
        window.Unreadable = unreadable ?? [];
        if (first is null || last is null) return;

        var batch = new MessageBatch<TMessage>(first.Timestamp.UtcDateTime, last.Timestamp.UtcDateTime, BatchCompletionMode.Size, members);
        await batchPipe.Send(new BatchConsumeContext<TMessage>(context, batch)).ConfigureAwait(false);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("kafkaWindowBatch");
}
