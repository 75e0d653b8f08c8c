using Ingestion.Contracts;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Riding;
using Ingestion.Tests.Support;
using MassTransit;
using MassTransit.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ingestion.Tests.Kafka.Support;

/// <summary>A generic host with an in-memory bus and the Kafka rider, as the worker and the API build it.</summary>
internal sealed class RiderTestHost : IAsyncDisposable
{
    private readonly IHost host;

    private RiderTestHost(IHost host, ConsumedMessages consumed)
    {
        this.host = host;
        Consumed = consumed;
    }

    public ConsumedMessages Consumed { get; }

    public IServiceProvider Services => host.Services;

    public IKafkaTopicEndpoint Endpoint(int index = 0) =>
        Services.GetRequiredService<Bind<IBus, IKafkaRider>>().Value.Endpoints[index];

    public static async Task<RiderTestHost> StartAsync(Action<IRiderRegistrationConfigurator> rider, ConsumedMessages? consumed = null,
        string? bootstrapServers = null)
    {
        consumed ??= new ConsumedMessages();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Kafka:BootstrapServers"] = bootstrapServers ?? TestInfrastructure.Kafka.BootstrapServers;
        // The embedded broker ignores LeaveGroup: a short session makes hand-overs in tests quicker.
        builder.Configuration["Kafka:Client:session.timeout.ms"] = "6000";
        builder.Configuration["Kafka:Client:heartbeat.interval.ms"] = "500";
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(consumed);
        builder.Services.AddMassTransit(x =>
        {
            x.UsingInMemory();
            x.AddRider(rider);
        });
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StopTimeout = TimeSpan.FromSeconds(20);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new RiderTestHost(host, consumed);
    }

    /// <summary>
    /// A host whose one topic endpoint feeds <see cref="CollectingConsumer"/> (with its definition's retries), checkpointing
    /// every 100 ms unless <paramref name="configure"/> says otherwise.
    /// </summary>
    public static Task<RiderTestHost> StartCollectingAsync(string topic, string group, ConsumedMessages? consumed = null,
        Action<IKafkaTopicReceiveEndpointConfigurator>? configure = null) =>
        StartAsync(r =>
        {
            r.AddConsumer<CollectingConsumer, CollectingConsumerDefinition>();
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, group, e =>
            {
                e.ConfigureConsumer<CollectingConsumer>(context);
                e.CheckpointInterval = TimeSpan.FromMilliseconds(100);
                configure?.Invoke(e);
            }));
        }, consumed);

    public async Task StopAsync() => await host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
