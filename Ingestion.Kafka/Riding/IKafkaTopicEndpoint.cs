namespace Ingestion.Kafka.Riding;

/// <summary>What a topic endpoint reports about itself (health checks, tests, operators).</summary>
public interface IKafkaTopicEndpoint
{
    string Topic { get; }

    string GroupId { get; }

    /// <summary>True from a successful start until the stop: the poll loop runs and talks to the broker.</summary>
    bool IsConsuming { get; }

    /// <summary>When the poll loop last heard from the broker (a record, an assignment or an empty fetch without error).</summary>
    DateTimeOffset? LastBrokerContact { get; }

    /// <summary>The last client error, cleared by the next successful contact.</summary>
    string? LastError { get; }

    /// <summary>The partitions currently assigned to this member.</summary>
    IReadOnlyCollection<int> AssignedPartitions { get; }

    /// <summary>The offsets this member committed last, per partition (the next offset to read).</summary>
    IReadOnlyDictionary<int, long> CommittedOffsets { get; }

    /// <summary>
    /// Since when a partition has waited out an infrastructure fault (a failure that is not the record's, redelivered on the
    /// capped backoff, never dead-lettered); null while every partition flows.
    /// </summary>
    DateTimeOffset? BlockedSince { get; }

    /// <summary>Which partition is blocked and by what (the last failure's type and message), or null.</summary>
    string? BlockedReason { get; }

    /// <summary>Set while a partition keeps faulting right after each restart (its processing cannot get going), else null.</summary>
    string? RepeatedFault { get; }
}
