using MassTransit;
using MassTransit.Configuration;
using MassTransit.Observables;

namespace Ingestion.Kafka.Producing;

/// <summary>What <c>AddProducer</c>'s configure callback sets for one producer; built into a pipeline once the bus exists.</summary>
internal sealed class KafkaProducerSpecification<T>(string topic) : IKafkaProducerConfigurator<T>
    where T : class
{
    private readonly List<Action<ISendPipeConfigurator>> configureSend = [];
    private readonly SendObservable observers = new();
    private IMessageSerializer serializer = KafkaRawJsonSerializer.Instance;

    public string Topic => topic;

    public ConnectHandle ConnectSendObserver(ISendObserver observer) => observers.Connect(observer);

    public void ConfigureSend(Action<ISendPipeConfigurator> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        configureSend.Add(callback);
    }

    /// <summary>The value serializer (<see cref="ProducerSerializerExtensions"/>); raw JSON unless set.</summary>
    public IMessageSerializer Serializer
    {
        get => serializer;
        set => serializer = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The pipeline on <paramref name="host"/>: the bus's filters, then the rider's, then this producer's.</summary>
    public KafkaSendPipeline<T> Build(KafkaSendHost host)
    {
        var configuration = host.CreateSendConfiguration();
        foreach (var configure in configureSend)
            configure(configuration.Configurator);
        configuration.Specification.Validate().ThrowIfContainsFailure($"The Kafka producer for topic '{topic}' is invalid:");
        var filters = configuration.Specification.GetMessageSpecification<T>().BuildMessagePipe();
        return new KafkaSendPipeline<T>(topic, host.HostAddress, filters, [.. host.Observers, observers], serializer);
    }
}
