using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ingestion.Kafka.Producing;

/// <summary>The wire format: camelCase JSON without nulls, numbers as numbers.</summary>
public static class KafkaJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
