using System.Collections;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Confluent.Kafka;
using Ingestion.Kafka.Producing;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// Presents Kafka headers as the headers MassTransit's receive context reads, decoding a value only when asked for it.
/// A record without a content type is raw JSON (what a plain producer in any language writes);
/// <c>application/vnd.masstransit+json</c> selects the envelope.
/// </summary>
internal sealed class KafkaHeaderTranslator : IReadOnlyDictionary<string, object>
{
    private const string DeliveryCountHeader = "DeliveryCount";

    private static readonly IReadOnlyDictionary<string, object> RawJson =
        new Dictionary<string, object> { [MassTransit.MessageHeaders.ContentType] = KafkaHeaderNames.RawJsonContentType }.ToFrozenDictionary();

    private readonly Headers headers;
    private readonly int deliveryCount;

    private KafkaHeaderTranslator(Headers headers, int deliveryCount)
    {
        this.headers = headers;
        this.deliveryCount = deliveryCount;
    }

    public static IReadOnlyDictionary<string, object> Translate(Headers? headers, int deliveryCount) =>
        (headers is null || headers.Count == 0) && deliveryCount <= 1 ? RawJson : new KafkaHeaderTranslator(headers ?? [], deliveryCount);

    public int Count => this.Count();

    public IEnumerable<string> Keys => this.Select(pair => pair.Key);

    public IEnumerable<object> Values => this.Select(pair => pair.Value);

    public object this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object value)
    {
        if (string.Equals(key, DeliveryCountHeader, StringComparison.OrdinalIgnoreCase))
        {
            value = deliveryCount;
            return deliveryCount > 1;
        }
        var kafkaName = KafkaName(key);
        if (LastValue(headers, kafkaName) is { } text)
        {
            value = text;
            return true;
        }
        if (kafkaName == KafkaHeaderNames.ContentType)
        {
            value = KafkaHeaderNames.RawJsonContentType;
            return true;
        }
        value = null;
        return false;
    }

    /// <summary>The UTF-8 text of the last header named <paramref name="kafkaName"/> (any case); null when absent or valueless.</summary>
    public static string? LastValue(Headers? headers, string kafkaName) =>
        LastValueBytes(headers, kafkaName) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>The bytes of the last header named <paramref name="kafkaName"/> (any case); null when absent or valueless.</summary>
    public static byte[]? LastValueBytes(Headers? headers, string kafkaName)
    {
        if (headers is null) return null;
        for (var i = headers.Count - 1; i >= 0; i--)
        {
            var header = headers[i];
            if (string.Equals(header.Key, kafkaName, StringComparison.OrdinalIgnoreCase))
                return header.GetValueBytes();
        }
        return null;
    }

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = headers.Count - 1; i >= 0; i--)
        {
            var header = headers[i];
            var name = MassTransitName(header.Key);
            if (header.GetValueBytes() is { } bytes && seen.Add(name))
                yield return new KeyValuePair<string, object>(name, Encoding.UTF8.GetString(bytes));
        }
        if (seen.Add(MassTransit.MessageHeaders.ContentType))
            yield return new KeyValuePair<string, object>(MassTransit.MessageHeaders.ContentType, KafkaHeaderNames.RawJsonContentType);
        if (deliveryCount > 1)
            yield return new KeyValuePair<string, object>(DeliveryCountHeader, deliveryCount);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string KafkaName(string massTransitName) => massTransitName switch
    {
        _ when string.Equals(massTransitName, MassTransit.MessageHeaders.ContentType, StringComparison.OrdinalIgnoreCase) => KafkaHeaderNames.ContentType,
        _ when string.Equals(massTransitName, MassTransit.MessageHeaders.MessageId, StringComparison.OrdinalIgnoreCase) => KafkaHeaderNames.MessageId,
        _ => massTransitName,
    };

    private static string MassTransitName(string kafkaName) => kafkaName switch
    {
        KafkaHeaderNames.ContentType => MassTransit.MessageHeaders.ContentType,
        KafkaHeaderNames.MessageId => MassTransit.MessageHeaders.MessageId,
        _ => kafkaName,
    };
}
