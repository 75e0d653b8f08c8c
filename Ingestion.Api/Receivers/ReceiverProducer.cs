using System.Diagnostics;
using Ingestion.Kafka.Producing;

namespace Ingestion.Api.Receivers;

/// <summary>Produces a request's accepted samples in one <c>ProduceMany</c> and says how long to wait when Kafka did not acknowledge.</summary>
internal static class ReceiverProducer
{
    /// <summary>Null when the broker acknowledged every sample; otherwise the delay a client should wait before resending.</summary>
    public static async Task<TimeSpan?> ProduceAsync(ReceiverServices services, string receiver, ReceivedSamples samples, CancellationToken cancellationToken)
    {
        var messages = samples.Accepted;
        if (messages.Count == 0)
            return null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            await services.Producer.ProduceMany(messages, cancellationToken).WaitAsync(services.Api.ProduceTimeout, cancellationToken);
        }
        catch (Exception exception) when (exception is KafkaProduceException or TimeoutException)
        {
            services.Telemetry.Produced(receiver, Stopwatch.GetElapsedTime(started), succeeded: false);
            var acknowledged = exception is KafkaProduceException produce ? produce.AcknowledgedIndexes.Count : 0;
            ReceiverLog.ProduceFailed(services.Logger, receiver, services.Api.Topic, acknowledged, messages.Count, exception);
            services.Telemetry.Rejected(receiver, "kafka_unavailable");
            return exception switch
            {
                KafkaUnavailableException open => open.RetryAfter,
                KafkaProduceException failed => failed.RetryAfter,
                _ => TimeSpan.FromSeconds(5),
            };
        }
        services.Telemetry.Produced(receiver, Stopwatch.GetElapsedTime(started), succeeded: true);
        services.Telemetry.Accepted(receiver, messages.Count);
        return null;
    }
}
