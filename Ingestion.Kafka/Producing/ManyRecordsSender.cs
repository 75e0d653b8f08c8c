using Confluent.Kafka;

namespace Ingestion.Kafka.Producing;

/// <summary>
/// Hands many records to librdkafka at once (waiting while its local queue is full) and then waits for every delivery
/// report; on any failure throws a <see cref="KafkaProduceException"/> that lists the acknowledged indexes.
/// </summary>
internal static class ManyRecordsSender
{
    public static async Task SendAsync(IProducer<byte[]?, byte[]> producer, string topic, IReadOnlyList<Message<byte[]?, byte[]>> messages,
        IReadOnlyList<Partition>? partitions, TimeSpan deliveryTimeout, CancellationToken cancellationToken)
    {
        var batch = new DeliveryBatch(messages.Count);
        var anyPartition = new TopicPartition(topic, Partition.Any);
        for (var i = 0; i < messages.Count; i++)
        {
            var index = i;
            var destination = partitions is null || partitions[i] == Partition.Any ? anyPartition : new TopicPartition(topic, partitions[i]);
            while (true)
            {
                try
                {
                    producer.Produce(destination, messages[i], report => batch.Report(index, report.Error));
                    break;
                }
                catch (ProduceException<byte[]?, byte[]> exception) when (exception.Error.Code == ErrorCode.Local_QueueFull)
                {
                    // The local queue is full: let librdkafka drain it, then go on.
                    await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                }
                catch (KafkaException exception)
                {
                    batch.Report(index, exception.Error);
                    break;
                }
            }
        }

        // librdkafka always reports within message.timeout.ms; the extra margin only guards against a lost callback.
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var completed = await Task.WhenAny(batch.Completion, Task.Delay(deliveryTimeout + TimeSpan.FromSeconds(5), guard.Token)).ConfigureAwait(false);
        await guard.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (completed != batch.Completion || batch.FirstError is not null)
        {
            var error = batch.FirstError;
            throw new KafkaProduceException(
                $"Kafka acknowledged {batch.AcknowledgedIndexes().Count} of {messages.Count} records for topic '{topic}'" +
                (error is null ? " within the delivery timeout." : $": {error.Reason} ({error.Code})."),
                acknowledgedIndexes: batch.AcknowledgedIndexes());
        }
    }
}
