using Confluent.Kafka;

namespace MassTransit;

/// <summary>
/// A topic endpoint: a MassTransit receive endpoint (consumers, definitions, <c>UseMessageRetry</c>, filters and observers all
/// apply) fed by a Kafka consumer. The members are MassTransit.Kafka's, with its meaning; the settings that are ours are
/// extension methods in our namespaces (<c>Ingestion.Kafka.Configuration</c>: window size, partition concurrency, buffers,
/// stop timeout; <c>Ingestion.Kafka.Redelivery</c>: <c>UseRedelivery</c>; <c>Ingestion.Kafka.Batching</c>:
/// <c>ConfigureBatchConsumer</c>). The consumer-client settings apply after the <c>Kafka:Client</c> section.
/// </summary>
public interface IKafkaTopicReceiveEndpointConfigurator : IReceiveEndpointConfigurator
{
    /// <summary>Where a new group starts (default here: earliest; null keeps it).</summary>
    AutoOffsetReset? AutoOffsetReset { set; }

    /// <summary>Commit at least this often (default here: 1 s).</summary>
    TimeSpan CheckpointInterval { set; }

    /// <summary>Commit after this many completed records (default here: 10,000).</summary>
    ushort CheckpointMessageCount { set; }

    /// <summary>Kafka consumers of this endpoint per process: 1 only here (one consumer per endpoint and process; scale out with processes).</summary>
    ushort ConcurrentConsumerLimit { set; }

    /// <summary>Static group membership (<c>group.instance.id</c>).</summary>
    string GroupInstanceId { set; }

    /// <summary><c>partition.assignment.strategy</c>.</summary>
    PartitionAssignmentStrategy? PartitionAssignmentStrategy { set; }

    /// <summary><c>session.timeout.ms</c>.</summary>
    TimeSpan? SessionTimeout { set; }

    /// <summary><c>heartbeat.interval.ms</c>.</summary>
    TimeSpan? HeartbeatInterval { set; }

    /// <summary><c>max.poll.interval.ms</c>.</summary>
    TimeSpan? MaxPollInterval { set; }

    /// <summary><c>queued.min.messages</c>: records per partition librdkafka keeps prefetched.</summary>
    int? QueuedMinMessages { set; }

    /// <summary><c>queued.max.messages.kbytes</c>: the prefetch queue's size per partition.</summary>
    int? QueuedMaxMessagesKbytes { set; }

    /// <summary><c>check.crcs</c>.</summary>
    bool? CheckCrcs { set; }

    /// <summary><c>isolation.level</c>: read only committed transactional records, or all.</summary>
    void UseIsolationLevel(IsolationLevel isolationLevel);
}
