namespace Ingestion.Kafka.Consuming;

/// <summary>
/// Thrown by a consumer when a well-formed message is invalid (for example a NaN value): the rider dead-letters it at once
/// with reason <c>validation</c>, without retry or redelivery.
/// </summary>
public sealed class InvalidMessageException(string message, Exception? innerException = null) : Exception(message, innerException);
