using System.Collections.Frozen;
using System.Reflection;
using Confluent.Kafka;

namespace Ingestion.Kafka.Configuration;

/// <summary>
/// Which librdkafka settings belong to one kind of client only: the keys Confluent's <see cref="ConsumerConfig"/> (or
/// <see cref="ProducerConfig"/>) declares beyond <see cref="ClientConfig"/>'s common ones (Confluent generates these classes
/// from librdkafka's table of consumer, producer and common properties). A pass-through <c>Kafka:Client</c> setting of the
/// other kind is not given to a client, so librdkafka does not warn (CONFWARN) that it ignores it.
/// </summary>
internal static class ClientKindKeys
{
    public static readonly FrozenSet<string> ConsumerOnly = KeysDeclaredBy<ConsumerConfig>();

    public static readonly FrozenSet<string> ProducerOnly = KeysDeclaredBy<ProducerConfig>();

    private static FrozenSet<string> KeysDeclaredBy<TConfig>()
        where TConfig : ClientConfig, new()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in typeof(TConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            if (!property.CanWrite || Sample(property.PropertyType) is not { } sample) continue;
            var config = new TConfig();
            try
            {
                property.SetValue(config, sample);
            }
            catch (TargetInvocationException)
            {
                continue;
            }
            foreach (var (key, _) in config)
                keys.Add(key);
        }
        return keys.ToFrozenSet(StringComparer.Ordinal);
    }

    // A value of the property's type, only so that setting it shows which key the property writes.
    private static object? Sample(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string)) return "x";
        if (underlying == typeof(bool)) return true;
        if (underlying == typeof(int)) return 1;
        if (underlying == typeof(double)) return 1.0;
        if (underlying.IsEnum) return Enum.GetValues(underlying).GetValue(0);
        return null;
    }
}
