using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Consuming;
using MassTransit;
using MassTransit.Configuration;

namespace Ingestion.Kafka.DeadLettering;

/// <summary>The dead-letter topic as a filter on a topic endpoint's error pipe.</summary>
public static class DeadLetterTopicExtensions
{
    /// <summary>
    /// Puts the dead-letter filter on the endpoint's error pipe here: a record whose delivery ended in a fault (unreadable,
    /// invalid, or its own failure after its retries and redeliveries) is written to <paramref name="topic"/> and then counts
    /// as completed. Filters configured with <c>e.ConfigureError(x => x.UseFilter(...))</c> before this call run before it
    /// (calling <c>next</c> hands the fault on; not calling it replaces the dead-letter record). Without this call the filter
    /// is added after the endpoint's own configuration, with <see cref="KafkaTopicEndpointSettings.DeadLetterTopic"/>.
    /// Only final faults reach the error pipe: the rider redelivers or isolates the others first.
    /// </summary>
    public static void UseDeadLetterTopic(this IKafkaTopicReceiveEndpointConfigurator endpoint, string topic)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        var settings = KafkaTopicEndpointConfiguratorExtensions.Of(endpoint);
        settings.DeadLetterTopic = topic;
        settings.DeadLetterFilterConfigured = true;
        endpoint.ConfigureError(x => x.UseFilter(new DeadLetterTopicFilter(topic)));
        endpoint.ConfigureDeadLetter(x => x.UseFilter(new SkippedRecordFilter(topic)));
    }

    /// <summary>
    /// The rider's part of the fault path, before the endpoint's own configuration: a rejected record fails at once (so its
    /// rejection goes down the error pipe), and only final faults go on down the error pipe.
    /// </summary>
    internal static void PrepareFaultPipes(IReceiveEndpointConfigurator endpoint)
    {
        endpoint.AddPrePipeSpecification(new FilterPipeSpecification<ConsumeContext>(new RejectedRecordFilter()));
        endpoint.ConfigureError(x => x.UseFilter(new FinalFaultFilter()));
    }

    /// <summary>
    /// After the endpoint's own configuration: the default dead-letter filter (unless <see cref="UseDeadLetterTopic"/> placed
    /// one), then a rethrow, so a fault no filter settled goes back to the rider (which redelivers it, never drops it).
    /// </summary>
    internal static void CompleteFaultPipes(IReceiveEndpointConfigurator endpoint, KafkaTopicEndpointSettings settings)
    {
        if (!settings.DeadLetterFilterConfigured)
        {
            endpoint.ConfigureError(x => x.UseFilter(new DeadLetterTopicFilter(null)));
            endpoint.ConfigureDeadLetter(x => x.UseFilter(new SkippedRecordFilter(null)));
        }
        endpoint.RethrowFaultedMessages();
        endpoint.ThrowOnSkippedMessages();
    }
}
