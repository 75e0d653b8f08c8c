using System.Text;
using Ingestion.Tests.EndToEnd;
using Ingestion.Tests.Support;
using Ingestion.Tests.Worker;

namespace Ingestion.Tests.Operations;

/// <summary>
/// The real worker host and the real API host on one topic (three partitions), dead-letter topic and database, the API's
/// dashboard pointed at the worker (and at a second worker URL where nothing listens).
/// </summary>
internal sealed class OperationsPipeline : IAsyncDisposable
{
    public const string UnreachableWorker = "http://127.0.0.1:9";

    private OperationsPipeline(WorkerSettings settings, InProcessWorker worker, ApiApplicationFactory api)
    {
        Settings = settings;
        Worker = worker;
        Api = api;
        Client = api.CreateClient();
    }

    public WorkerSettings Settings { get; }

    public InProcessWorker Worker { get; }

    public ApiApplicationFactory Api { get; }

    public HttpClient Client { get; }

    public static async Task<OperationsPipeline> StartAsync(string prefix, bool kestrel = false, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = await WorkerSettings.CreateAsync(prefix);
        var worker = await InProcessWorker.StartAsync(settings);
        var configuration = new Dictionary<string, string?>
        {
            ["Api:Topic"] = settings.Topic,
            ["Dashboard:WorkerTopic"] = settings.Topic,
            ["Dashboard:WorkerGroup"] = settings.GroupId,
            ["Dashboard:DeadLetterTopic"] = settings.DeadLetterTopic,
            ["Dashboard:Workers:0"] = worker.Http.BaseAddress!.ToString(),
            ["Dashboard:Workers:1"] = UnreachableWorker,
            ["Dashboard:CacheFor"] = "00:00:00",
            ["Dashboard:ReadTimeout"] = "00:00:02",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            configuration[key] = value;
        // The worker migrated the database on start; the API only reads it.
        var api = await ApiApplicationFactory.StartAsync(prefix.Replace('-', '_'), configuration, connectionString: settings.ConnectionString, kestrel: kestrel);
        return new OperationsPipeline(settings, worker, api);
    }

    /// <summary>Writes bytes that are not JSON straight to the topic: the worker dead-letters them (reason deserialization).</summary>
    public Task ProducePoisonAsync() =>
        PlainProducer.ProduceAsync(Settings.Topic, [PlainProducer.Value(Encoding.UTF8.GetBytes("this is not a metric"))]);

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Api.DisposeAsync();
        await Worker.DisposeAsync();
    }
}
