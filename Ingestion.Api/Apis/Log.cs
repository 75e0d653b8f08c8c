namespace Ingestion.Api.Apis;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Kafka did not acknowledge metric {MetricName} ({MetricId}) on topic {Topic}; answered 503")]
    public static partial void ProduceFailed(ILogger logger, string topic, string metricName, Guid metricId, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Kafka acknowledged {Acknowledged} of {Count} metrics of a batch on topic {Topic}; answered 503")]
    public static partial void BatchProduceFailed(ILogger logger, string topic, int acknowledged, int count, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "PostgreSQL is unavailable for a query; answered 503")]
    public static partial void QueryStoreUnavailable(ILogger logger, Exception exception);
}
