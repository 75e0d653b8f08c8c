namespace Ingestion.Storage.Migrating;

/// <summary>PostgreSQL could not be reached within the configured start-up retries.</summary>
public sealed class StorageUnavailableException(string message, Exception innerException) : Exception(message, innerException);
