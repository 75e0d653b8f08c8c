using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Ingestion.Contracts;

namespace Ingestion.Tests.EndToEnd;

/// <summary>
/// A record as the official MassTransit.Kafka rider (8.x, System.Text.Json envelope serializer) writes it: the JSON envelope
/// as the value, and the transport headers its header serializer sets (MessageId, ConversationId, SourceAddress,
/// DestinationAddress, Content-Type), each as UTF-8 text. Built by hand, because that rider is not available to us.
/// </summary>
internal static class MassTransitEnvelope
{
    public const string MessageType = "urn:message:Ingestion.Contracts:MetricRecorded";

    private const string SourceAddress = "loopback://localhost/other_service_bus_8ybyyyyypxnbj6hkbdq4sqb3yy?temporary=true";

    public static Message<byte[]?, byte[]> Record(string topic, JsonObject metric, Guid messageId)
    {
        var conversationId = Guid.NewGuid();
        var destination = $"loopback://localhost/kafka/{topic}";
        var envelope = new JsonObject
        {
            ["messageId"] = messageId.ToString(),
            ["conversationId"] = conversationId.ToString(),
            ["sourceAddress"] = SourceAddress,
            ["destinationAddress"] = destination,
            ["messageType"] = new JsonArray(MessageType),
            ["message"] = metric,
            ["sentTime"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["headers"] = new JsonObject(),
            ["host"] = new JsonObject
            {
                ["machineName"] = "other-service-7f9c",
                ["processName"] = "OtherService",
                ["processId"] = 4242,
                ["assembly"] = "OtherService",
                ["assemblyVersion"] = "1.0.0.0",
                ["frameworkVersion"] = "10.0.0",
                ["massTransitVersion"] = "8.5.12.0",
                ["operatingSystemVersion"] = "Unix 6.1.0.0",
            },
        };
        var headers = new Headers
        {
            { "MessageId", Utf8(messageId.ToString()) },
            { "ConversationId", Utf8(conversationId.ToString()) },
            { "SourceAddress", Utf8(SourceAddress) },
            { "DestinationAddress", Utf8(destination) },
            { "Content-Type", Utf8(RecordContentTypes.MassTransitEnvelope) },
        };
        return new Message<byte[]?, byte[]> { Key = null, Value = Utf8(envelope.ToJsonString()), Headers = headers };
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
