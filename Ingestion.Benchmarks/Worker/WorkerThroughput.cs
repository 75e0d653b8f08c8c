using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Ingestion.Benchmarks.Kafka;
using Ingestion.Contracts;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Producing;

namespace Ingestion.Benchmarks.Worker;

/// <summary>
/// Kafka -> PostgreSQL metrics/s for one worker process: a backlog is produced first (acknowledged), then the worker
/// (<c>dotnet Ingestion.Consumers.dll</c>, Release build) starts on a fresh database and the clock runs from its first row
/// to its last (from the rows' ingested_at, the time of their transaction). Also reports the worker's peak resident memory. Medians over several runs.
/// </summary>
internal static class WorkerThroughput
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var total = arguments.Int("messages", 300_000);
        // Rows written before the clock starts: JIT and tiering settle during them, so the figure is the steady state.
        var warmup = arguments.Int("warmup", 100_000) / 10_000 * 10_000;
        var partitions = arguments.Int("partitions", 12);
        var runs = arguments.Int("runs", 3);
        var workerDll = arguments.String("worker") ?? DefaultWorkerDll();
        using var broker = new BenchmarkBroker(arguments);
        using var client = new KafkaProducerClient(new KafkaOptions { BootstrapServers = broker.BootstrapServers });

        var rates = new List<double>();
        var memory = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var topic = broker.CreateTopic("bench-worker", partitions);
            var deadLetterTopic = broker.CreateTopic("bench-worker-dlq", 1);
            var producer = new KafkaTopicProducer<MetricRecorded>(client, topic, SeriesKey.For, m => m.Id);
            foreach (var chunk in Enumerable.Range(0, (warmup + total) / 10_000).Select(c => SampleMetrics.Create(c * 10_000, 10_000)))
                await producer.ProduceMany(chunk);
            var database = await BenchmarkDatabase.CreateAsync(arguments);
            await BenchmarkDatabase.CheckpointAsync(database);

            var (rate, peakMb, cpuMicros) = await MeasureAsync(workerDll, broker.BootstrapServers, topic, deadLetterTopic, database, warmup, warmup + total / 10_000 * 10_000);
            await BenchmarkDatabase.DropAsync(database);
            rates.Add(rate);
            memory.Add(peakMb);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {run + 1}: rate_per_sec={rate:F0} worker_peak_rss_mb={peakMb:F0} worker_cpu_us_per_msg={cpuMicros:F1} load_avg={Measurement.LoadAverage()}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"worker messages={total} warmup={warmup} partitions={partitions} runs={runs} median_rate_per_sec={WriterComparison.Median(rates):F0} median_peak_rss_mb={WriterComparison.Median(memory):F0}"));
        return 0;
    }

    private static async Task<(double Rate, double PeakMb, double CpuMicros)> MeasureAsync(
        string workerDll, string bootstrap, string topic, string deadLetterTopic, string database, int warmup, int expected)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(workerDll), // its appsettings.json is read from the working directory
        };
        start.ArgumentList.Add(workerDll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}";
        start.Environment["Kafka__BootstrapServers"] = bootstrap;
        start.Environment["ConnectionStrings__Metrics"] = database;
        start.Environment["Worker__Topic"] = topic;
        start.Environment["Worker__GroupId"] = $"{topic}-group";
        start.Environment["Worker__DeadLetterTopic"] = deadLetterTopic;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var setting in (Environment.GetEnvironmentVariable("BENCH_WORKER_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            start.Environment[setting[..setting.IndexOf('=', StringComparison.Ordinal)]] = setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..];
        using var worker = Process.Start(start) ?? throw new InvalidOperationException("Could not start the worker.");
        worker.OutputDataReceived += (_, _) => { };
        worker.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  worker: {e.Data}"); };
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();
        try
        {
            // count(*) scans the whole table (25 ms at 400,000 rows); polled every 50 ms it took a large share of the
            // database's CPU away from the worker. Polls are rare and the rate comes from the rows' own ingested_at.
            var deadline = Stopwatch.StartNew();
            long count;
            while ((count = await BenchmarkDatabase.CountAsync(database)) <= warmup && deadline.Elapsed < TimeSpan.FromSeconds(120))
                await Task.Delay(PollInterval);
            var firstCount = count;
            var cpuAtStart = WorkerCpu(worker);
            while ((count = await BenchmarkDatabase.CountAsync(database)) < expected && deadline.Elapsed < TimeSpan.FromSeconds(180))
                await Task.Delay(PollInterval);
            var cpuAtEnd = WorkerCpu(worker);
            if (count < expected)
                throw new InvalidOperationException($"The worker wrote {count} of {expected} rows in time.");
            var cpuMicros = (cpuAtEnd - cpuAtStart).TotalMilliseconds * 1000 / (count - firstCount);
            return (await BenchmarkDatabase.IngestRateAsync(database, warmup), PeakResidentMegabytes(worker.Id), cpuMicros);
        }
        finally
        {
            using (var term = Process.Start("kill", ["-TERM", worker.Id.ToString(CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync();
            if (!worker.WaitForExit(TimeSpan.FromSeconds(15)))
                worker.Kill();
        }
    }

    private static TimeSpan WorkerCpu(Process worker)
    {
        worker.Refresh();
        return worker.TotalProcessorTime;
    }

    private static double PeakResidentMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static string DefaultWorkerDll()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Ingestion.sln")))
            directory = directory.Parent;
        var path = Path.Combine(directory?.FullName ?? ".", "Ingestion.Consumers", "bin", "Release", "net10.0", "Ingestion.Consumers.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"Build the worker first (dotnet build -c Release Ingestion.Consumers): {path} is missing.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
