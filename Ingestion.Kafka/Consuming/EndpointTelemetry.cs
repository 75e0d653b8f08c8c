using System.Diagnostics;
using Microsoft.Extensions.Logging;

using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Diagnostics;

namespace Ingestion.Kafka.Consuming;

/// <summary>Which endpoint a part of the consumer core works for, for its log lines and instruments.</summary>
internal sealed record EndpointTelemetry(string Topic, string GroupId, ILogger Log)
{
    public TagList Tags { get; } = KafkaMetrics.Tags(Topic, GroupId);
}
