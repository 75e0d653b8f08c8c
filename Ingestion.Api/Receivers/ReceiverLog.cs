namespace Ingestion.Api.Receivers;

internal static partial class ReceiverLog
{
    [LoggerMessage(40, LogLevel.Warning, "Kafka acknowledged {Acknowledged} of {Count} {Receiver} samples on topic {Topic}; answered 503")]
    public static partial void ProduceFailed(ILogger logger, string receiver, string topic, int acknowledged, int count, Exception exception);

    [LoggerMessage(41, LogLevel.Information, "{Receiver} request refused {Rejected} of {Total} samples; first: {FirstReason}")]
    public static partial void SamplesRefused(ILogger logger, string receiver, int rejected, int total, string firstReason);
}
