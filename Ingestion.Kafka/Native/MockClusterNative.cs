using System.Runtime.InteropServices;

namespace Ingestion.Kafka.Native;

/// <summary>P/Invoke declarations for librdkafka's mock cluster (rdkafka_mock.h) and the handle it needs.</summary>
internal static partial class MockClusterNative
{
    internal const int ProducerType = 0;

    [LibraryImport(KafkaNativeLibrary.Name)]
    internal static partial nint rd_kafka_conf_new();

    [LibraryImport(KafkaNativeLibrary.Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_conf_set(nint conf, string name, string value, nint errstr, nuint errstrSize);

    [LibraryImport(KafkaNativeLibrary.Name)]
    internal static partial void rd_kafka_conf_destroy(nint conf);

    [LibraryImport(KafkaNativeLibrary.Name)]
    internal static partial nint rd_kafka_new(int type, nint conf, nint errstr, nuint errstrSize);

    [LibraryImport(KafkaNativeLibrary.Name)]
    internal static partial void rd_kafka_destroy(nint rk);

    [LibraryImport(KafkaNativeLibrary.Name)]
    internal static partial nint rd_kafka_mock_cluster_new(nint rk, int brokerCount);

    [LibraryImport(KafkaNativeLibrary.Name)]
    internal static partial void rd_kafka_mock_cluster_destroy(nint cluster);

    [LibraryImport(KafkaNativeLibrary.Name)]
    internal static partial nint rd_kafka_mock_cluster_bootstraps(nint cluster);

    [LibraryImport(KafkaNativeLibrary.Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_topic_create(nint cluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(KafkaNativeLibrary.Name)]
    internal static partial int rd_kafka_mock_broker_set_down(nint cluster, int brokerId);

    [LibraryImport(KafkaNativeLibrary.Name)]
    internal static partial int rd_kafka_mock_broker_set_up(nint cluster, int brokerId);

    [LibraryImport(KafkaNativeLibrary.Name)]
    internal static partial int rd_kafka_mock_group_initial_rebalance_delay_ms(nint cluster, int delayMs);

    [LibraryImport(KafkaNativeLibrary.Name)]
    internal static partial nint rd_kafka_err2str(int err);

    internal static string ErrorText(int err) => Marshal.PtrToStringUTF8(rd_kafka_err2str(err)) ?? $"error {err}";
}
