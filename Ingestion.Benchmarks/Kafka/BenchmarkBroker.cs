using Ingestion.Kafka.Embedded;

namespace Ingestion.Benchmarks.Kafka;

/// <summary>The embedded broker in this process, or an existing one given with <c>--bootstrap host:port</c>.</summary>
internal sealed class BenchmarkBroker : IDisposable
{
    private readonly EmbeddedKafkaBroker? embedded;

    public BenchmarkBroker(BenchmarkArguments arguments)
    {
        var bootstrap = arguments.String("bootstrap");
        if (bootstrap is null)
        {
            embedded = EmbeddedKafkaBroker.Start();
            bootstrap = embedded.BootstrapServers;
        }
        BootstrapServers = bootstrap;
    }

    public string BootstrapServers { get; }

    /// <summary>
    /// Creates a fresh topic on the in-process broker; an external broker (<c>kafka-broker --topics</c>) must already have
    /// a topic named <paramref name="prefix"/>.
    /// </summary>
    public string CreateTopic(string prefix, int partitions)
    {
        if (embedded is null) return prefix;
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        embedded.CreateTopic(name, partitions);
        return name;
    }

    public void Dispose() => embedded?.Dispose();
}
