using MassTransit;
using MassTransit.Configuration;
using MassTransit.Transports;

namespace Ingestion.Kafka.Producing;

/// <summary>
/// The bus side every producer shares: the bus's send pipe specification (so <c>cfg.UseSendFilter</c> on the bus applies),
/// the bus's send observers (<c>x.AddSendObserver</c>, <c>bus.ConnectSendObserver</c>), and the rider's own
/// (<c>k.ConfigureSend</c>, <c>k.ConnectSendObserver</c>).
/// </summary>
internal sealed class KafkaSendHost(IBusInstance busInstance, IReadOnlyList<Action<ISendPipeConfigurator>> riderSend, ISendObserver riderObservers)
{
    public Uri HostAddress => busInstance.HostConfiguration.HostAddress;

    public IReadOnlyList<ISendObserver> Observers { get; } = [busInstance.HostConfiguration.SendObservers, riderObservers];

    public ISendPipeConfiguration CreateSendConfiguration()
    {
        var configuration = new SendPipeConfiguration(busInstance.HostConfiguration.BusConfiguration.Send.Specification);
        foreach (var configure in riderSend)
            configure(configuration.Configurator);
        return configuration;
    }
}
