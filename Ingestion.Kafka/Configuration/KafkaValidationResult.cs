using MassTransit;

namespace Ingestion.Kafka.Configuration;

internal sealed class KafkaValidationResult(string key, string value, string message) : ValidationResult
{
    public ValidationResultDisposition Disposition => ValidationResultDisposition.Failure;
    public string Key => key;
    public string Value => value;
    public string Message => message;
}
