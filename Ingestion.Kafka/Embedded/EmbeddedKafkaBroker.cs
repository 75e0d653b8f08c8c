using System.Runtime.InteropServices;
using Ingestion.Kafka.Native;

namespace Ingestion.Kafka.Embedded;

/// <summary>
/// An in-memory Kafka-protocol broker: librdkafka's mock cluster, listening on loopback TCP for as long as this object lives.
/// For development and tests only: data is kept in memory, and each partition keeps at most 5 MiB or 100,000 record batches
/// (older batches are dropped whether consumed or not). Admin CreateTopics does not work against it; use <see cref="CreateTopic"/>.
/// </summary>
public sealed class EmbeddedKafkaBroker : IDisposable
{
    private readonly Lock gate = new();
    private nint handle;
    private nint cluster;

    private EmbeddedKafkaBroker(nint handle, nint cluster, string bootstrapServers, int brokerCount)
    {
        this.handle = handle;
        this.cluster = cluster;
        BootstrapServers = bootstrapServers;
        BrokerCount = brokerCount;
    }

    /// <summary>The comma-separated <c>host:port</c> list clients connect to.</summary>
    public string BootstrapServers { get; }

    /// <summary>How many brokers the cluster has (ids 1..N).</summary>
    public int BrokerCount { get; }

    /// <summary>Starts a cluster of <paramref name="brokerCount"/> brokers.</summary>
    /// <param name="brokerCount">Brokers in the cluster.</param>
    /// <param name="initialRebalanceDelay">How long the group coordinator waits for more members before the first assignment (Kafka's group.initial.rebalance.delay.ms; librdkafka's mock default is 3 s).</param>
    public static EmbeddedKafkaBroker Start(int brokerCount = 1, TimeSpan? initialRebalanceDelay = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        KafkaNativeLibrary.EnsureLoaded();

        const int errorSize = 512;
        var error = Marshal.AllocHGlobal(errorSize);
        try
        {
            var conf = MockClusterNative.rd_kafka_conf_new();
            // The mock cluster lives in this handle's threads; it never connects anywhere itself.
            MockClusterNative.rd_kafka_conf_set(conf, "log_level", "3", error, errorSize);
            var rk = MockClusterNative.rd_kafka_new(MockClusterNative.ProducerType, conf, error, errorSize);
            if (rk == 0)
            {
                MockClusterNative.rd_kafka_conf_destroy(conf);
                throw new EmbeddedKafkaException($"Could not create the librdkafka handle for the embedded broker: {Marshal.PtrToStringUTF8(error)}");
            }

            var cluster = MockClusterNative.rd_kafka_mock_cluster_new(rk, brokerCount);
            if (cluster == 0)
            {
                MockClusterNative.rd_kafka_destroy(rk);
                throw new EmbeddedKafkaException("librdkafka could not create the mock cluster (is a loopback address available?).");
            }

            var delay = (int)(initialRebalanceDelay ?? TimeSpan.FromMilliseconds(100)).TotalMilliseconds;
            MockClusterNative.rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, delay);
            var bootstraps = Marshal.PtrToStringUTF8(MockClusterNative.rd_kafka_mock_cluster_bootstraps(cluster))
                ?? throw new EmbeddedKafkaException("The mock cluster reported no bootstrap address.");
            return new EmbeddedKafkaBroker(rk, cluster, bootstraps, brokerCount);
        }
        finally
        {
            Marshal.FreeHGlobal(error);
        }
    }

    /// <summary>Creates a topic (the mock cluster's own call; admin CreateTopics is not supported by it).</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        Check(MockClusterNative.rd_kafka_mock_topic_create(Cluster, topic, partitions, Math.Min(replicationFactor, BrokerCount)),
            $"create topic '{topic}' with {partitions} partitions");
    }

    /// <summary>Takes broker <paramref name="brokerId"/> down (connections refused) to simulate an outage.</summary>
    public void SetBrokerDown(int brokerId) =>
        Check(MockClusterNative.rd_kafka_mock_broker_set_down(Cluster, brokerId), $"take broker {brokerId} down");

    /// <summary>Brings broker <paramref name="brokerId"/> back after <see cref="SetBrokerDown"/>.</summary>
    public void SetBrokerUp(int brokerId) =>
        Check(MockClusterNative.rd_kafka_mock_broker_set_up(Cluster, brokerId), $"bring broker {brokerId} up");

    /// <summary>Takes every broker down.</summary>
    public void SetAllBrokersDown()
    {
        for (var id = 1; id <= BrokerCount; id++) SetBrokerDown(id);
    }

    /// <summary>Brings every broker up.</summary>
    public void SetAllBrokersUp()
    {
        for (var id = 1; id <= BrokerCount; id++) SetBrokerUp(id);
    }

    /// <summary>Stops the brokers and frees the in-memory data.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (cluster != 0)
            {
                MockClusterNative.rd_kafka_mock_cluster_destroy(cluster);
                cluster = 0;
            }
            if (handle != 0)
            {
                MockClusterNative.rd_kafka_destroy(handle);
                handle = 0;
            }
        }
    }

    private nint Cluster => cluster != 0 ? cluster : throw new ObjectDisposedException(nameof(EmbeddedKafkaBroker));

    private static void Check(int error, string action)
    {
        if (error != 0)
            throw new EmbeddedKafkaException($"Embedded broker: could not {action}: {MockClusterNative.ErrorText(error)}.");
    }
}
