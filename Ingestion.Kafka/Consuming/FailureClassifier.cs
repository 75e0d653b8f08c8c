using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using MassTransit;

namespace Ingestion.Kafka.Consuming;

/// <summary>Sorts a final dispatch failure into what the rider does next.</summary>
internal static class FailureClassifier
{
    /// <summary>
    /// Undeserialisable bytes and validation failures are the record's; any other failure is the record's only when
    /// <paramref name="isRecordFault"/> says so (else, without it, when it is not transient). A failure that is not the
    /// record's is an infrastructure fault (<see cref="FailureKind.Transient"/>): redelivered until it goes away, never
    /// dead-lettered.
    /// </summary>
    public static FailureKind Classify(Exception exception, Func<Exception, bool> isTransient, Func<Exception, bool>? isRecordFault = null)
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
        var recordFault = isRecordFault is not null ? isRecordFault(exception) : !isTransient(exception);
        return recordFault ? FailureKind.Permanent : FailureKind.Transient;
    }

    public static string Reason(FailureKind kind) => kind switch
    {
        FailureKind.Deserialization => DeadLettering.DeadLetterReasons.Deserialization,
        FailureKind.Validation => DeadLettering.DeadLetterReasons.Validation,
        _ => DeadLettering.DeadLetterReasons.Exhausted,
    };
}
