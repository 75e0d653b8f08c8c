using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using MassTransit;

namespace Ingestion.Kafka.Consuming;

/// <summary>Sorts a final dispatch failure into what the rider does next.</summary>
internal static class FailureClassifier
{
    public static FailureKind Classify(Exception exception, Func<Exception, bool> isTransient)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case InvalidMessageException:
                    return FailureKind.Validation;
                case SerializationException or JsonException or DecoderFallbackException or MessageNotConsumedException:
                    return FailureKind.Deserialization;
            }
        }
        return isTransient(exception) ? FailureKind.Transient : FailureKind.Permanent;
    }

    public static string Reason(FailureKind kind) => kind switch
    {
        FailureKind.Deserialization => DeadLettering.DeadLetterReasons.Deserialization,
        FailureKind.Validation => DeadLettering.DeadLetterReasons.Validation,
        _ => DeadLettering.DeadLetterReasons.Exhausted,
    };
}
