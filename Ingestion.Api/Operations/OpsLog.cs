namespace Ingestion.Api.Operations;

internal static partial class OpsLog
{
    [LoggerMessage(101, LogLevel.Warning, "The dead-letter topic could not be read for /api/v1/ops/dlq; answered 503")]
    public static partial void DeadLettersUnreadable(ILogger logger, Exception exception);
}
