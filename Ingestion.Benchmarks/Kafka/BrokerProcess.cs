using System.Runtime.InteropServices;
using Ingestion.Kafka.Embedded;

namespace Ingestion.Benchmarks.Kafka;

/// <summary>
/// <c>kafka-broker --topics a:12,b:12 --bootstrap-file F</c>: hosts the embedded broker in its own process (so a benchmark's
/// CPU figure is the client's alone), creates the topics, writes the bootstrap address to F, and lives until SIGTERM/SIGINT.
/// </summary>
internal static class BrokerProcess
{
    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        using var broker = EmbeddedKafkaBroker.Start();
        foreach (var spec in (arguments.String("topics") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = spec.Split(':');
            broker.CreateTopic(parts[0], parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 12);
        }
        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        if (arguments.String("bootstrap-file") is { } file)
            await File.WriteAllTextAsync(file, broker.BootstrapServers);
        Console.WriteLine(broker.BootstrapServers);
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
