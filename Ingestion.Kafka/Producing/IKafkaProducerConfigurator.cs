namespace MassTransit;

/// <summary>
/// Configures one producer (<c>rider.AddProducer&lt;T&gt;(topic, ..., (context, p) =&gt; ...)</c>): send filters
/// (<c>p.UseSendFilter(typeof(MyFilter&lt;&gt;), context)</c>, <c>p.ConfigureSend(...)</c>), send observers
/// (<c>p.ConnectSendObserver(...)</c>). Bus-level and rider-level filters and observers run too. The serializer choice is
/// ours (<c>ProducerSerializerExtensions</c> in <c>Ingestion.Kafka.Producing</c>).
/// </summary>
public interface IKafkaProducerConfigurator<T> : ISendObserverConnector, ISendPipelineConfigurator
    where T : class;
