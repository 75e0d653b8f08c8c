using System.Globalization;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Ingestion.Kafka.Native;

namespace Ingestion.Kafka.Provisioning;

/// <summary>
/// Creates missing topics and describes existing ones through the Kafka admin API. Ensuring is idempotent: an existing topic
/// is a success and is never altered. The embedded broker does not support CreateTopics, so there only existing topics pass.
/// </summary>
/// <param name="clientConfig">Connection settings (bootstrap servers, security).</param>
public sealed class TopicProvisioner(ClientConfig clientConfig)
{
    /// <summary>How long each broker request may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Creates each topic that does not exist yet; leaves existing ones alone.</summary>
    /// <exception cref="TopicProvisioningException">A topic was missing and the broker refused to create it.</exception>
    public async Task<IReadOnlyList<TopicEnsureResult>> EnsureAsync(IEnumerable<TopicDefinition> topics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        using var client = Connect();
        var results = new List<TopicEnsureResult>();
        foreach (var topic in topics)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var existing = await Task.Run(() => TopicLookup.Find(client.Admin, topic.Name, RequestTimeout), cancellationToken);
            if (existing is not null)
            {
                results.Add(Existing(topic, existing.Partitions.Count));
                continue;
            }
            results.Add(await CreateAsync(client.Admin, topic));
        }
        return results;
    }

    /// <summary>Partitions, leaders, replicas and watermarks of each topic.</summary>
    /// <exception cref="TopicNotFoundException">A topic does not exist.</exception>
    public Task<IReadOnlyList<TopicState>> DescribeAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var names = topics.ToList();
        return Task.Run<IReadOnlyList<TopicState>>(() =>
        {
            using var client = Connect();
            return names.Select(name => Describe(client, name, cancellationToken)).ToList();
        }, cancellationToken);
    }

    private TopicState Describe(Client client, string topic, CancellationToken cancellationToken)
    {
        var metadata = TopicLookup.Find(client.Admin, topic, RequestTimeout) ?? throw new TopicNotFoundException(topic);
        var partitions = new List<PartitionState>();
        foreach (var partition in metadata.Partitions.OrderBy(partition => partition.PartitionId))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var watermarks = client.Consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition.PartitionId), RequestTimeout);
            partitions.Add(new PartitionState(partition.PartitionId, partition.Leader, partition.Replicas, partition.InSyncReplicas,
                watermarks.Low.Value, watermarks.High.Value));
        }
        return new TopicState(topic, partitions);
    }

    private async Task<TopicEnsureResult> CreateAsync(IAdminClient admin, TopicDefinition topic)
    {
        var specification = new TopicSpecification
        {
            Name = topic.Name,
            NumPartitions = topic.Partitions,
            ReplicationFactor = topic.ReplicationFactor,
        };
        if (topic.Retention is { } retention)
            specification.Configs = new() { ["retention.ms"] = ((long)retention.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) };
        try
        {
            await admin.CreateTopicsAsync([specification], new CreateTopicsOptions { RequestTimeout = RequestTimeout, OperationTimeout = RequestTimeout });
            return new TopicEnsureResult(topic.Name, Created: true, topic.Partitions);
        }
        catch (CreateTopicsException exception) when (exception.Results.All(result => result.Error.Code == ErrorCode.TopicAlreadyExists))
        {
            // Someone else created it between our look-up and our request.
            return new TopicEnsureResult(topic.Name, Created: false, topic.Partitions, "created concurrently by another client");
        }
        catch (CreateTopicsException exception)
        {
            var error = exception.Results.First(result => result.Error.IsError).Error;
            throw new TopicProvisioningException(topic.Name, $"{error.Reason} ({error.Code})", exception);
        }
        catch (KafkaException exception)
        {
            throw new TopicProvisioningException(topic.Name, $"{exception.Error.Reason} ({exception.Error.Code})", exception);
        }
    }

    private static TopicEnsureResult Existing(TopicDefinition topic, int partitions) =>
        new(topic.Name, Created: false, partitions, partitions < topic.Partitions
            ? $"has {partitions} partitions, {topic.Partitions} wanted; left unchanged (adding partitions moves keys)"
            : null);

    private Client Connect()
    {
        KafkaNativeLibrary.EnsureLoaded();
        // A consumer handle (it never subscribes, so its group id is never joined): metadata look-ups through it never
        // auto-create the topic they ask about, as a producer handle's would.
        var config = new ConsumerConfig(new Dictionary<string, string>(clientConfig))
        {
            GroupId = "ingestion-topic-provisioner",
            AllowAutoCreateTopics = false,
            EnableAutoCommit = false,
            ClientId = "ingestion-topic-provisioner",
        };
        var consumer = new ConsumerBuilder<Ignore, Ignore>(config).SetLogHandler((_, _) => { }).Build();
        return new Client(consumer, new DependentAdminClientBuilder(consumer.Handle).Build());
    }

    private sealed record Client(IConsumer<Ignore, Ignore> Consumer, IAdminClient Admin) : IDisposable
    {
        public void Dispose()
        {
            Admin.Dispose();
            Consumer.Dispose();
        }
    }
}
