using System.Collections.Concurrent;

namespace Ingestion.Tests.Kafka.Producing;

/// <summary>What the test's send filter and send observer saw, by message id.</summary>
public sealed class SentMessages(string tenant = "acme")
{
    public string Tenant => tenant;

    public ConcurrentQueue<Guid> Filtered { get; } = new();

    public ConcurrentQueue<Guid> PreSent { get; } = new();

    public ConcurrentQueue<Guid> PostSent { get; } = new();

    public ConcurrentQueue<(Guid MessageId, Exception Exception)> Faulted { get; } = new();
}
