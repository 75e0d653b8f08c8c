namespace Ingestion.Kafka.DeadLettering;

/// <summary>Why a record was dead-lettered (the <c>reason</c> field and header).</summary>
public static class DeadLetterReasons
{
    /// <summary>The bytes could not be turned into a message (not UTF-8, not JSON, wrong field types).</summary>
    public const string Deserialization = "deserialization";

    /// <summary>The message was well-formed but invalid (for example a NaN value or an over-long name).</summary>
    public const string Validation = "validation";

    /// <summary>A non-transient error persisted through every retry and redelivery.</summary>
    public const string Exhausted = "exhausted";
}
