using Confluent.Kafka;
using MassTransit;

namespace Ingestion.Kafka.Producing;

/// <summary>
/// <c>ProduceMany</c> through the send pipeline: every message gets its context (filters, pipe, pre-send), all records go to
/// librdkafka at once, then each context is observed as sent or faulted by whether the broker acknowledged it.
/// </summary>
internal static class KafkaSendBatch
{
    public static async Task Produce<T>(KafkaProducerClient client, string topic, KafkaSendContextRecords<T> records,
        IReadOnlyList<T> messages, IPipe<KafkaSendContext<T>> pipe, CancellationToken cancellationToken)
        where T : class
    {
        var pipeline = records.Pipeline;
        var contexts = new KafkaMessageSendContext<T>[messages.Count];
        var prepared = 0;
        try
        {
            for (; prepared < contexts.Length; prepared++)
                contexts[prepared] = await records.Prepare(messages[prepared], pipe, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The failing context was reported by Prepare; the ones before it were observed but will not be sent.
            for (var i = 0; i < prepared; i++)
                await pipeline.SendFault(contexts[i], exception).ConfigureAwait(false);
            throw;
        }

        var messagesToSend = new Message<byte[]?, byte[]>[contexts.Length];
        Partition[]? partitions = null;
        for (var i = 0; i < contexts.Length; i++)
        {
            messagesToSend[i] = records.ToRecord(contexts[i]);
            if (contexts[i].Partition != Partition.Any)
            {
                partitions ??= Enumerable.Repeat(Partition.Any, contexts.Length).ToArray();
                partitions[i] = contexts[i].Partition;
            }
        }

        try
        {
            await client.ProduceMany(topic, messagesToSend, partitions, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            var acknowledged = exception is KafkaProduceException produce ? produce.AcknowledgedIndexes.ToHashSet() : [];
            for (var i = 0; i < contexts.Length; i++)
            {
                if (acknowledged.Contains(i))
                    await pipeline.PostSend(contexts[i]).ConfigureAwait(false);
                else
                    await pipeline.SendFault(contexts[i], exception).ConfigureAwait(false);
            }
            throw;
        }
        foreach (var context in contexts)
            await pipeline.PostSend(context).ConfigureAwait(false);
    }
}
