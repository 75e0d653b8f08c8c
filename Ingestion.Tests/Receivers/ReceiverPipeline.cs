using Ingestion.Tests.Support;
using Ingestion.Tests.Worker;

namespace Ingestion.Tests.Receivers;

/// <summary>The real API on a loopback port (API key required) and a real worker on its topic and database.</summary>
internal sealed class ReceiverPipeline : IAsyncDisposable
{
    public const string ApiKey = "receiver-test-key";

    private ReceiverPipeline(ApiApplicationFactory api, InProcessWorker worker)
    {
        Api = api;
        Worker = worker;
    }

    public ApiApplicationFactory Api { get; }

    public InProcessWorker Worker { get; }

    public string ConnectionString => Api.ConnectionString;

    public static async Task<ReceiverPipeline> StartAsync(string prefix)
    {
        var api = await ApiApplicationFactory.StartAsync(prefix, new Dictionary<string, string?> { ["Api:Keys:0"] = ApiKey }, kestrel: true);
        var settings = new WorkerSettings(api.Topic, $"{api.Topic}-group", TestInfrastructure.CreateTopic(prefix + "-dlq", 1), api.ConnectionString);
        return new ReceiverPipeline(api, await InProcessWorker.StartAsync(settings));
    }

    /// <summary>A client for the API that sends the key as <c>Authorization: Bearer</c>.</summary>
    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = Api.Address };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();
        await Api.DisposeAsync();
    }
}
