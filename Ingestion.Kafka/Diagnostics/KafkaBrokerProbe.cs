using Confluent.Kafka;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Native;

namespace Ingestion.Kafka.Diagnostics;

/// <summary>Asks the cluster for its metadata (briefly cached), which answers "is a broker reachable?".</summary>
internal sealed class KafkaBrokerProbe(KafkaOptions options) : IDisposable
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);
    private readonly Lock gate = new();
    private IAdminClient? admin;
    private (DateTime At, string? Error, int Brokers) last;

    /// <summary>Null when a broker answered within <paramref name="timeout"/>, else the reason.</summary>
    public (string? Error, int Brokers) Check(TimeSpan timeout)
    {
        lock (gate)
        {
            if (DateTime.UtcNow - last.At < CacheFor) return (last.Error, last.Brokers);
            try
            {
                if (admin is null)
                {
                    KafkaNativeLibrary.EnsureLoaded();
                    admin = new AdminClientBuilder(KafkaClientConfigs.Admin(options)).Build();
                }
                var metadata = admin.GetMetadata(timeout);
                last = (DateTime.UtcNow, metadata.Brokers.Count == 0 ? "the cluster reported no brokers" : null, metadata.Brokers.Count);
            }
            catch (KafkaException exception)
            {
                last = (DateTime.UtcNow, $"no Kafka broker answered at {options.BootstrapServers}: {exception.Error.Reason}", 0);
            }
            return (last.Error, last.Brokers);
        }
    }

    public void Dispose() => admin?.Dispose();
}
