using System.Net.Mime;
using System.Text.Json;
using MassTransit;

namespace Ingestion.Kafka.Producing;

/// <summary>
/// The rider's default value serializer: the message alone as camelCase JSON without nulls (<see cref="KafkaJson.Options"/>),
/// content type <c>application/json</c>, which any consumer in any language reads. The alternative is MassTransit's envelope
/// (<c>p.UseJsonSerializer()</c> on the producer).
/// </summary>
public sealed class KafkaRawJsonSerializer : IMessageSerializer
{
    private KafkaRawJsonSerializer()
    {
    }

    public static KafkaRawJsonSerializer Instance { get; } = new();

    public ContentType ContentType { get; } = new(KafkaHeaderNames.RawJsonContentType);

    public MessageBody GetMessageBody<T>(SendContext<T> context)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        return new BytesMessageBody(Serialize(context.Message));
    }

    internal static byte[] Serialize<T>(T message) => JsonSerializer.SerializeToUtf8Bytes(message, KafkaJson.Options);
}
