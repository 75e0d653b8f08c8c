using System.Globalization;
using System.Text.Json;
using Ingestion.Kafka.Producing;
using MassTransit;
using MassTransit.Serialization;
using MassTransit.Transports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ingestion.Benchmarks.Kafka;

/// <summary>
/// <c>kafka-consume --mode pipeline</c>: the same messages dispatched straight into MassTransit's consume pipeline
/// (<c>IReceiveEndpointDispatcherFactory</c>, no Kafka, no rider), 12 sequential loops like 12 partitions at delivery limit 1.
/// The difference to <c>--mode single</c> is the rider plus the Kafka client.
/// </summary>
internal static class PipelineOnly
{
    public static async Task<int> RunAsync(int total, int loops)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddMassTransit(x =>
        {
            x.AddConsumer<NoOpConsumer>();
            x.UsingInMemory((context, cfg) => cfg.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: false));
        });
        using var host = builder.Build();
        await host.StartAsync();
        var dispatcher = host.Services.GetRequiredService<IReceiveEndpointDispatcherFactory>().CreateConsumerReceiver<NoOpConsumer>("bench-pipeline");
        var bodies = SampleMetrics.Create(0, 10_000).Select(m => JsonSerializer.SerializeToUtf8Bytes(m, KafkaJson.Options)).ToArray();
        var headers = new Dictionary<string, object> { ["Content-Type"] = "application/json" };

        async Task Run(int count)
        {
            await Task.WhenAll(Enumerable.Range(0, loops).Select(l => Task.Run(async () =>
            {
                for (var i = l; i < count; i += loops)
                    await dispatcher.Dispatch(bodies[i % bodies.Length], headers, CancellationToken.None);
            })));
        }

        await Run(20_000);
        var measurement = new Measurement();
        await Run(total);
        Console.WriteLine(measurement.Stop("kafka-consume", total, string.Create(CultureInfo.InvariantCulture, $"mode=pipeline-only loops={loops}")));
        await host.StopAsync();
        return 0;
    }
}
