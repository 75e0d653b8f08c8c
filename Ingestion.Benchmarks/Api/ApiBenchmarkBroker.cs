using System.Runtime.InteropServices;
using Ingestion.Kafka.Embedded;

namespace Ingestion.Benchmarks.Api;

/// <summary>
/// <c>api-broker --bootstrap-file F [--topic metrics] [--partitions 6]</c>: hosts the embedded broker for an API load run,
/// writes its address to F once the topic exists, and lives until SIGTERM or Ctrl+C.
/// </summary>
internal static class ApiBenchmarkBroker
{
    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var file = arguments.String("bootstrap-file") ?? throw new ArgumentException("--bootstrap-file is required.");
        var topic = arguments.String("topic") ?? Ingestion.Contracts.Topics.Metrics;
        using var broker = EmbeddedKafkaBroker.Start();
        broker.CreateTopic(topic, arguments.Int("partitions", 6));
        await File.WriteAllTextAsync(file, broker.BootstrapServers);
        Console.WriteLine($"embedded broker {broker.BootstrapServers}, topic {topic}");

        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        return 0;
    }
}
