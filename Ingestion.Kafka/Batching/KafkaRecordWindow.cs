namespace Ingestion.Kafka.Batching;

/// <summary>
/// The message type a topic endpoint dispatches when it delivers a partition's window as one batch (see
/// <see cref="KafkaBatchConsumerExtensions.ConfigureBatchConsumer{TConsumer, TMessage}"/>). It carries nothing itself: the
/// records travel as a payload of the receive, and the endpoint's window filter turns them into the consumer's batch.
/// Public only because MassTransit routes by public message types; application code never sees it.
/// </summary>
public sealed class KafkaRecordWindow;
