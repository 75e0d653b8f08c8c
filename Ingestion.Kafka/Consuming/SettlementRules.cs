using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Diagnostics;

namespace Ingestion.Kafka.Consuming;

/// <summary>The endpoint's rules for a failed dispatch: whose fault it is, how often it comes back, and after how long.</summary>
internal sealed class SettlementRules(
    Func<Exception, bool> isTransient, Func<Exception, bool>? isRecordFault, int nonTransientRedeliveryLimit, IReadOnlyList<TimeSpan> redeliveryDelays)
{
    public static SettlementRules From(KafkaTopicEndpointSettings settings) =>
        new(settings.IsTransient, settings.IsRecordFault, settings.NonTransientRedeliveryLimit, settings.RedeliveryDelays);

    /// <summary>Redeliveries of a record's own (non-transient) failure before it is isolated and dead-lettered.</summary>
    public int NonTransientRedeliveryLimit => nonTransientRedeliveryLimit;

    public FailureKind Classify(Exception exception) => FailureClassifier.Classify(exception, isTransient, isRecordFault);

    /// <summary>The delay before redelivery number <paramref name="redelivery"/> (0-based); the last one repeats.</summary>
    public TimeSpan RedeliveryDelay(int redelivery) => redeliveryDelays[Math.Min(redelivery, redeliveryDelays.Count - 1)];
}
