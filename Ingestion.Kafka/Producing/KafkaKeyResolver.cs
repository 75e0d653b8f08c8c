namespace MassTransit;

/// <summary>Chooses a record's key from its send context (MassTransit.Kafka's <c>KafkaKeyResolver</c>).</summary>
public delegate TKey KafkaKeyResolver<out TKey, in T>(KafkaSendContext<T> context)
    where T : class;
