using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Ingestion.Api.Operations;

/// <summary>Wiring of the operations page and <c>/api/v1/ops</c>.</summary>
public static class DashboardHostingExtensions
{
    public static IHostApplicationBuilder AddOperationsDashboard(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DashboardOptions>()
            .BindConfiguration(DashboardOptions.Section)
            .Validate(o => o.Workers.All(url => url.Length == 0 || Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"),
                "Dashboard:Workers must be absolute http(s) URLs such as http://127.0.0.1:8101.")
            .Validate(o => o.LagWarningThreshold > 0, "Dashboard:LagWarningThreshold must be positive.")
            .Validate(o => o.CacheFor >= TimeSpan.Zero && o.ReadTimeout > TimeSpan.Zero && o.RateWindow > TimeSpan.Zero,
                "Dashboard:CacheFor must not be negative; Dashboard:ReadTimeout and Dashboard:RateWindow must be positive.")
            .Validate(o => o.WorkerTopic.Length > 0 && o.WorkerGroup.Length > 0 && o.DeadLetterTopic.Length > 0,
                "Dashboard:WorkerTopic, Dashboard:WorkerGroup and Dashboard:DeadLetterTopic must not be empty.")
            .ValidateOnStart();
        builder.Services.AddHttpClient(WorkerProbe.ClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<DashboardOptions>>().Value.ReadTimeout);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiTrafficMeter>();
        builder.Services.AddSingleton<WorkerProbe>();
        builder.Services.AddSingleton<KafkaOpsReader>();
        builder.Services.AddSingleton<OpsSummaryService>();
        return builder;
    }

    public static WebApplication MapOperationsDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Start listening now, so the first summary's rates have the traffic since start-up to compare against.
        app.Services.GetRequiredService<ApiTrafficMeter>();
        app.MapOpsApi();
        app.MapDashboard();
        return app;
    }
}
