using System.Collections.Frozen;
using System.Text;
using Confluent.Kafka;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// Turns Kafka headers into the headers MassTransit's receive context reads. A record without a content type is raw JSON
/// (what a plain producer in any language writes); <c>application/vnd.masstransit+json</c> selects the envelope.
/// </summary>
internal static class KafkaHeaderTranslator
{
    private static readonly IReadOnlyDictionary<string, object> RawJson =
        new Dictionary<string, object> { [MassTransit.MessageHeaders.ContentType] = KafkaHeaderNames.RawJsonContentType }.ToFrozenDictionary();

    public static IReadOnlyDictionary<string, object> Translate(Headers? headers, int deliveryCount)
    {
        if ((headers is null || headers.Count == 0) && deliveryCount <= 1)
            return RawJson;
        var translated = new Dictionary<string, object>(headers?.Count + 2 ?? 2, StringComparer.OrdinalIgnoreCase);
        if (headers is not null)
        {
            foreach (var header in headers)
            {
                var value = header.GetValueBytes();
                if (value is null) continue;
                var name = header.Key switch
                {
                    KafkaHeaderNames.ContentType => MassTransit.MessageHeaders.ContentType,
                    KafkaHeaderNames.MessageId => MassTransit.MessageHeaders.MessageId,
                    _ => header.Key,
                };
                translated[name] = Encoding.UTF8.GetString(value);
            }
        }
        translated.TryAdd(MassTransit.MessageHeaders.ContentType, KafkaHeaderNames.RawJsonContentType);
        if (deliveryCount > 1)
            translated["DeliveryCount"] = deliveryCount;
        return translated;
    }
}
