using MassTransit;

namespace MassTransit;

/// <summary>
/// Configures one producer (<c>rider.AddProducer&lt;T&gt;(topic, ..., (context, p) =&gt; ...)</c>): send filters
/// (<c>p.UseSendFilter(typeof(MyFilter&lt;&gt;), context)</c>, <c>p.ConfigureSend(...)</c>), send observers
/// (<c>p.ConnectSendObserver(...)</c>) and the value serializer. Bus-level and rider-level filters and observers run too.
/// </summary>
public interface IKafkaProducerConfigurator<T> : ISendObserverConnector, ISendPipelineConfigurator
    where T : class
{
    /// <summary>Writes values with <paramref name="serializer"/> (its content type goes into the <c>content-type</c> header).</summary>
    void SetValueSerializer(IMessageSerializer serializer);

    /// <summary>Raw JSON of the message (the default; <see cref="KafkaRawJsonSerializer"/>).</summary>
    void UseRawJsonSerializer();

    /// <summary>MassTransit's JSON envelope (<c>application/vnd.masstransit+json</c>), as the official rider's envelope producers write it.</summary>
    void UseJsonSerializer();
}
