using Ingestion.Kafka.Configuration;
using MassTransit;

namespace MassTransit;

/// <summary>
/// A topic endpoint: a MassTransit receive endpoint (consumers, definitions, UseMessageRetry, filters and observers all apply)
/// fed by a Kafka consumer, plus the Kafka settings below.
/// </summary>
public interface IKafkaTopicReceiveEndpointConfigurator : IReceiveEndpointConfigurator
{
    /// <summary>The topic consumed.</summary>
    string Topic { get; }

    /// <summary>The consumer group.</summary>
    string GroupId { get; }

    /// <summary>Kafka settings of this endpoint (concurrency, checkpoints, redelivery, dead-lettering).</summary>
    KafkaTopicEndpointSettings Kafka { get; }

    /// <summary>Commit at least this often (MassTransit.Kafka's name; <see cref="KafkaTopicEndpointSettings.CheckpointInterval"/>).</summary>
    TimeSpan CheckpointInterval { get; set; }

    /// <summary>Commit after this many completed records (MassTransit.Kafka's name).</summary>
    int CheckpointMessageCount { get; set; }

    /// <summary>Where a new group starts (MassTransit.Kafka's name).</summary>
    Confluent.Kafka.AutoOffsetReset AutoOffsetReset { get; set; }

    /// <summary>Kafka consumers of this endpoint per process (MassTransit.Kafka's name): 1 only here; scale out with processes.</summary>
    int ConcurrentConsumerLimit { get; set; }

    /// <summary>Records of one partition dispatched at once (ours; <see cref="KafkaTopicEndpointSettings.WindowSize"/>).</summary>
    int WindowSize { get; set; }

    /// <summary>Partitions dispatching at the same time, 0 = all (ours; <see cref="KafkaTopicEndpointSettings.ConcurrentPartitionLimit"/>).</summary>
    int ConcurrentPartitionLimit { get; set; }
}
