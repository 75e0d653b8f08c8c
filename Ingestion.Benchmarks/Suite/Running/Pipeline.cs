using Ingestion.Benchmarks.Worker;
using Ingestion.Kafka.Embedded;

namespace Ingestion.Benchmarks.Suite.Running;

/// <summary>
/// A fresh pipeline for one phase: the embedded broker (in this process) with the given topics, a fresh migrated database
/// on the suite's PostgreSQL server, and our services started against them on loopback. Disposing stops the services by
/// PID, the broker, and drops the database.
/// </summary>
internal sealed class Pipeline : IAsyncDisposable
{
    private readonly SuiteContext context;
    private readonly List<ServiceProcess> services = [];

    private Pipeline(SuiteContext context, EmbeddedKafkaBroker broker, string database)
    {
        this.context = context;
        Broker = broker;
        Database = database;
    }

    public EmbeddedKafkaBroker Broker { get; }
    public string Database { get; }

    public static async Task<Pipeline> StartAsync(SuiteContext context, params (string Topic, int Partitions)[] topics)
    {
        var broker = EmbeddedKafkaBroker.Start();
        foreach (var (topic, partitions) in topics) broker.CreateTopic(topic, partitions);
        var database = await BenchmarkDatabase.CreateAsync(context.Server);
        return new Pipeline(context, broker, database);
    }

    public async Task<ServiceProcess> StartApiAsync(string topic, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = Common();
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{context.ApiPort}";
        environment["Api__Topic"] = topic;
        // The per-client rate limit would answer 429 to a load generator; the suite measures the pipeline, not the limit.
        environment["Api__RateLimit__PermitLimit"] = "100000000";
        // Phases 1–2 run no worker: admission control (off by default outside ./ingest up) would refuse on the backlog.
        environment["Api__Admission__Enabled"] = "false";
        Extra(environment, "BENCH_API_ENV");
        var log = Path.Combine(context.LogDirectory, "api.log");
        var api = ServiceProcess.Start("api", context.ApiDll, log, environment);
        services.Add(api);
        await api.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{context.ApiPort}/health/ready"), TimeSpan.FromSeconds(90));
        return api;
    }

    public ServiceProcess StartWorker(string topic, string deadLetterTopic, int port)
    {
        var environment = Common();
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        environment["Worker__Topic"] = topic;
        environment["Worker__GroupId"] = WorkerGroup(topic);
        environment["Worker__DeadLetterTopic"] = deadLetterTopic;
        Extra(environment, "BENCH_WORKER_ENV");
        var worker = ServiceProcess.Start("worker", context.WorkerDll, Path.Combine(context.LogDirectory, $"worker-{topic}.log"), environment);
        services.Add(worker);
        return worker;
    }

    /// <summary>The consumer group of the workers this pipeline starts on <paramref name="topic"/>.</summary>
    public static string WorkerGroup(string topic) => $"{topic}-bench";

    /// <summary>How far the workers on <paramref name="topic"/> have got, from their group's commits on this pipeline's broker.</summary>
    public GroupProgress WorkerProgress(string topic, int partitions) => new(Broker.BootstrapServers, WorkerGroup(topic), topic, partitions);

    /// <summary>
    /// A ledger of the CPU this pipeline's PostgreSQL server and this process (the embedded broker and
    /// <paramref name="alsoInThisProcess"/>) use; a phase adds its services' own CPU beside it.
    /// </summary>
    public async Task<CpuLedger> CpuLedgerAsync(string alsoInThisProcess)
    {
        var postgres = await PostgresCpu.FindAsync(Database);
        return new CpuLedger()
            .Add("postgres", "PostgreSQL", postgres.CpuSeconds)
            .Add("bench", $"embedded broker and {alsoInThisProcess} (the benchmark's process)", () => ProcFs.CpuSeconds(Environment.ProcessId));
    }

    public async Task StopAsync(ServiceProcess service)
    {
        services.Remove(service);
        await service.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in services) await service.DisposeAsync();
        services.Clear();
        Broker.Dispose();
        await BenchmarkDatabase.DropAsync(Database);
    }

    private Dictionary<string, string> Common() => new()
    {
        ["Kafka__BootstrapServers"] = Broker.BootstrapServers,
        ["ConnectionStrings__Metrics"] = Database,
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>Any setting for one run: <c>BENCH_API_ENV="Key=Value;Key2=Value2"</c> (and <c>BENCH_WORKER_ENV</c>).</summary>
    private static void Extra(Dictionary<string, string> environment, string variable)
    {
        foreach (var setting in (Environment.GetEnvironmentVariable(variable) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0) environment[setting[..equals]] = setting[(equals + 1)..];
        }
    }
}
