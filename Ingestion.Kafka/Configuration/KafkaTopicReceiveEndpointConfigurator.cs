using System.Net.Mime;
using Confluent.Kafka;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Transports;

namespace Ingestion.Kafka.Configuration;

/// <summary>
/// Hands MassTransit's own receive endpoint configurator to the topic endpoint's configure callback, adding the Kafka settings.
/// Every MassTransit member forwards, so consumer definitions, retry and filters configure the real endpoint.
/// </summary>
internal sealed class KafkaTopicReceiveEndpointConfigurator(
    IReceiveEndpointConfigurator inner, string topic, string groupId, KafkaTopicEndpointSettings settings)
    : IKafkaTopicReceiveEndpointConfigurator
{
    public string Topic => topic;
    public string GroupId => groupId;
    public KafkaTopicEndpointSettings Settings => settings;

    public AutoOffsetReset? AutoOffsetReset { set => settings.AutoOffsetReset = value ?? settings.AutoOffsetReset; }
    public TimeSpan CheckpointInterval { set => settings.CheckpointInterval = value; }
    public ushort CheckpointMessageCount { set => settings.CheckpointMessageCount = value; }

    public ushort ConcurrentConsumerLimit
    {
        set
        {
            if (value != 1)
                throw new ArgumentOutOfRangeException(nameof(value), value, "The rider runs one Kafka consumer per topic endpoint and process; scale out with processes.");
        }
    }

    public string GroupInstanceId { set => Client(c => c.GroupInstanceId = value); }
    public PartitionAssignmentStrategy? PartitionAssignmentStrategy { set => Client(c => c.PartitionAssignmentStrategy = value); }
    public TimeSpan? SessionTimeout { set => Client(c => c.SessionTimeoutMs = Milliseconds(value)); }
    public TimeSpan? HeartbeatInterval { set => Client(c => c.HeartbeatIntervalMs = Milliseconds(value)); }
    public TimeSpan? MaxPollInterval { set => Client(c => c.MaxPollIntervalMs = Milliseconds(value)); }
    public int? QueuedMinMessages { set => Client(c => c.QueuedMinMessages = value); }
    public int? QueuedMaxMessagesKbytes { set => Client(c => c.QueuedMaxMessagesKbytes = value); }
    public bool? CheckCrcs { set => Client(c => c.CheckCrcs = value); }

    public void UseIsolationLevel(IsolationLevel isolationLevel) => Client(c => c.IsolationLevel = isolationLevel);

    private void Client(Action<ConsumerConfig> configure) => settings.AddConsumerConfiguration(configure);

    private static int? Milliseconds(TimeSpan? value) => value is { } time ? (int)time.TotalMilliseconds : null;

    public Uri InputAddress => inner.InputAddress;
    public bool ConfigureConsumeTopology { set => inner.ConfigureConsumeTopology = value; }
    public bool PublishFaults { set => inner.PublishFaults = value; }
    public int PrefetchCount { get => inner.PrefetchCount; set => inner.PrefetchCount = value; }
    public int? ConcurrentMessageLimit { get => inner.ConcurrentMessageLimit; set => inner.ConcurrentMessageLimit = value; }
    public ContentType DefaultContentType { set => inner.DefaultContentType = value; }
    public ContentType SerializerContentType { set => inner.SerializerContentType = value; }
    public bool AutoStart { set => inner.AutoStart = value; }

    public void ConfigureMessageTopology<T>(bool enabled = true)
        where T : class => inner.ConfigureMessageTopology<T>(enabled);
    public void ConfigureMessageTopology(Type messageType, bool enabled = true) => inner.ConfigureMessageTopology(messageType, enabled);
    public void AddEndpointSpecification(IReceiveEndpointSpecification configurator) => inner.AddEndpointSpecification(configurator);
    public void AddSerializer(ISerializerFactory factory, bool isSerializer = true) => inner.AddSerializer(factory, isSerializer);
    public void AddDeserializer(ISerializerFactory factory, bool isDefault = false) => inner.AddDeserializer(factory, isDefault);
    public void ClearSerialization() => inner.ClearSerialization();

    public void AddPipeSpecification<T>(IPipeSpecification<ConsumeContext<T>> specification)
        where T : class => inner.AddPipeSpecification(specification);
    public void AddPrePipeSpecification(IPipeSpecification<ConsumeContext> specification) => inner.AddPrePipeSpecification(specification);
    public void AddPipeSpecification(IPipeSpecification<ConsumeContext> specification) => inner.AddPipeSpecification(specification);

    public ConnectHandle ConnectConsumerConfigurationObserver(IConsumerConfigurationObserver observer) => inner.ConnectConsumerConfigurationObserver(observer);
    public ConnectHandle ConnectSagaConfigurationObserver(ISagaConfigurationObserver observer) => inner.ConnectSagaConfigurationObserver(observer);
    public ConnectHandle ConnectHandlerConfigurationObserver(IHandlerConfigurationObserver observer) => inner.ConnectHandlerConfigurationObserver(observer);
    public ConnectHandle ConnectActivityConfigurationObserver(IActivityConfigurationObserver observer) => inner.ConnectActivityConfigurationObserver(observer);

    void IConsumerConfigurationObserver.ConsumerConfigured<TConsumer>(IConsumerConfigurator<TConsumer> configurator) =>
        inner.ConsumerConfigured(configurator);
    void IConsumerConfigurationObserver.ConsumerMessageConfigured<TConsumer, TMessage>(IConsumerMessageConfigurator<TConsumer, TMessage> configurator) =>
        inner.ConsumerMessageConfigured(configurator);
    void ISagaConfigurationObserver.SagaConfigured<TSaga>(ISagaConfigurator<TSaga> configurator) => inner.SagaConfigured(configurator);
    void ISagaConfigurationObserver.StateMachineSagaConfigured<TInstance>(ISagaConfigurator<TInstance> configurator, SagaStateMachine<TInstance> stateMachine) =>
        inner.StateMachineSagaConfigured(configurator, stateMachine);
    void ISagaConfigurationObserver.SagaMessageConfigured<TSaga, TMessage>(ISagaMessageConfigurator<TSaga, TMessage> configurator) =>
        inner.SagaMessageConfigured(configurator);
    void IHandlerConfigurationObserver.HandlerConfigured<TMessage>(IHandlerConfigurator<TMessage> configurator) => inner.HandlerConfigured(configurator);
    void IActivityConfigurationObserver.ActivityConfigured<TActivity, TArguments>(IExecuteActivityConfigurator<TActivity, TArguments> configurator, Uri compensateAddress) =>
        inner.ActivityConfigured(configurator, compensateAddress);
    void IActivityConfigurationObserver.ExecuteActivityConfigured<TActivity, TArguments>(IExecuteActivityConfigurator<TActivity, TArguments> configurator) =>
        inner.ExecuteActivityConfigured(configurator);
    void IActivityConfigurationObserver.CompensateActivityConfigured<TActivity, TLog>(ICompensateActivityConfigurator<TActivity, TLog> configurator) =>
        inner.CompensateActivityConfigured(configurator);

    public void ConfigureSend(Action<ISendPipeConfigurator> callback) => inner.ConfigureSend(callback);
    public void ConfigurePublish(Action<IPublishPipeConfigurator> callback) => inner.ConfigurePublish(callback);
    public void ConfigureReceive(Action<IReceivePipeConfigurator> callback) => inner.ConfigureReceive(callback);
    public void ConfigureDeadLetter(Action<IPipeConfigurator<ReceiveContext>> callback) => inner.ConfigureDeadLetter(callback);
    public void ConfigureError(Action<IPipeConfigurator<ExceptionReceiveContext>> callback) => inner.ConfigureError(callback);
    public void ConfigureTransport(Action<ITransportConfigurator> callback) => inner.ConfigureTransport(callback);

    public ConnectHandle ConnectReceiveEndpointObserver(IReceiveEndpointObserver observer) => inner.ConnectReceiveEndpointObserver(observer);
    public void AddDependency(IReceiveEndpointDependency dependency) => inner.AddDependency(dependency);
    public void AddDependent(IReceiveEndpointDependent dependent) => inner.AddDependent(dependent);
}
