namespace Ingestion.Kafka;

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
}
