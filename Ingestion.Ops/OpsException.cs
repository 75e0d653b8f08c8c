namespace Ingestion.Ops;

/// <summary>A failure the operator can act on; its message is the one sentence the tool prints.</summary>
public sealed class OpsException(string message, Exception? innerException = null) : Exception(message, innerException);
