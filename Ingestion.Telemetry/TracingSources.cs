using Ingestion.Kafka.Diagnostics;

namespace Ingestion.Telemetry;

/// <summary>The activity sources every service traces: our rider's, MassTransit's and Npgsql's (ASP.NET Core's by its instrumentation).</summary>
public static class TracingSources
{
    /// <summary>MassTransit's activity source (its <c>DiagnosticHeaders.DefaultListenerName</c>).</summary>
    public const string MassTransit = "MassTransit";

    public static IReadOnlyList<string> All { get; } = [KafkaMetrics.ActivitySourceName, MassTransit];
}
