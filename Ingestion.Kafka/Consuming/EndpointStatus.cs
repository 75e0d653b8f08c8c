using Confluent.Kafka;

using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Diagnostics;

namespace Ingestion.Kafka.Consuming;

/// <summary>What a topic endpoint last heard from the broker: contact, the last client error, and the lag it measured.</summary>
internal sealed class EndpointStatus(EndpointTelemetry telemetry)
{
    private long lastContactTicks;
    private volatile string? lastError;
    private volatile (int Partition, long Lag)[] lag = [];

    public string? LastError
    {
        get => lastError;
        set => lastError = value;
    }

    public DateTimeOffset? LastBrokerContact => Interlocked.Read(ref lastContactTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public (int Partition, long Lag)[] Lag
    {
        get => lag;
        set => lag = value;
    }

    /// <summary>The broker answered (an assignment, a commit): the last error is over.</summary>
    public void OnContact()
    {
        Interlocked.Exchange(ref lastContactTicks, DateTimeOffset.UtcNow.UtcTicks);
        lastError = null;
    }

    public void OnError(Error error)
    {
        lastError = $"{error.Code}: {error.Reason}";
        telemetry.Log.ConsumerError(telemetry.Topic, error.Code.ToString(), error.Reason);
    }
}
