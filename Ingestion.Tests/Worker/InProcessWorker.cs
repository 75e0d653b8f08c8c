using Ingestion.Consumers.Extensions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ingestion.Tests.Worker;

/// <summary>The worker host built exactly as Program.cs builds it, with test configuration, on a free loopback port.</summary>
internal sealed class InProcessWorker : IAsyncDisposable
{
    private readonly WebApplication app;

    private InProcessWorker(WebApplication app, Uri address, CapturedLogs logs)
    {
        Logs = logs;
        this.app = app;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Http { get; }

    public IServiceProvider Services => app.Services;

    public CapturedLogs Logs { get; }

    /// <summary>Starts the worker; <paramref name="configureServices"/> adds test services (an in-memory span exporter, say).</summary>
    public static async Task<InProcessWorker> StartAsync(WorkerSettings settings, Action<IServiceCollection>? configureServices = null)
    {
        var logs = new CapturedLogs();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings.Configuration().Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.AddIngestionWorker();
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapWorkerEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new InProcessWorker(app, new Uri(address), logs);
    }

    public async Task StopAsync() => await app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
