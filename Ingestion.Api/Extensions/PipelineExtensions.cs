using Ingestion.ServiceDefaults.Health;
using Ingestion.ServiceDefaults;
using Ingestion.Api.Parsing;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace Ingestion.Api.Extensions;

/// <summary>Middleware order and the operational endpoints (health, Prometheus, OpenAPI, docs).</summary>
public static class PipelineExtensions
{
    public static WebApplication UseIngestionApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Created now, so its gauge is exported from the start and not from the first request body on.
        _ = app.Services.GetRequiredService<BodyBufferBudget>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapOperationsEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapDefaultEndpoints(HealthReportWriter.WriteAsync);
        app.MapOpenApi();
        app.MapScalarApiReference("/docs");
        return app;
    }
}
