using Confluent.Kafka;

namespace Ingestion.Kafka.Consuming;

/// <summary>Record keys of the types Confluent.Kafka serialises itself: string, byte[], int, long, float, double.</summary>
internal static class KafkaKeys
{
    public static bool IsSupported(Type type) =>
        type == typeof(string) || type == typeof(byte[]) || type == typeof(int) || type == typeof(long) || type == typeof(float) || type == typeof(double);

    public static byte[]? Serialize<TKey>(TKey? key, string topic)
    {
        if (key is null) return null;
        var context = new SerializationContext(MessageComponentType.Key, topic);
        return key switch
        {
            string text => Serializers.Utf8.Serialize(text, context),
            byte[] bytes => bytes,
            int number => Serializers.Int32.Serialize(number, context),
            long number => Serializers.Int64.Serialize(number, context),
            float number => Serializers.Single.Serialize(number, context),
            double number => Serializers.Double.Serialize(number, context),
            _ => throw new NotSupportedException($"Kafka keys of type {typeof(TKey).Name} are not supported; use string, byte[], int, long, float or double."),
        };
    }

    public static TKey? Deserialize<TKey>(byte[]? bytes)
    {
        if (bytes is null) return default;
        var context = new SerializationContext(MessageComponentType.Key, string.Empty);
        object value = typeof(TKey) switch
        {
            var t when t == typeof(string) => Deserializers.Utf8.Deserialize(bytes, false, context),
            var t when t == typeof(byte[]) => bytes,
            var t when t == typeof(int) => Deserializers.Int32.Deserialize(bytes, false, context),
            var t when t == typeof(long) => Deserializers.Int64.Deserialize(bytes, false, context),
            var t when t == typeof(float) => Deserializers.Single.Deserialize(bytes, false, context),
            var t when t == typeof(double) => Deserializers.Double.Deserialize(bytes, false, context),
            _ => throw new NotSupportedException($"Kafka keys of type {typeof(TKey).Name} are not supported; use string, byte[], int, long, float or double."),
        };
        return (TKey)value;
    }
}
