using Ingestion.ServiceDefaults;
using Ingestion.Consumers.Extensions;

// The worker: consumes topic `metrics` in group `metrics_worker_group` and writes PostgreSQL.
// Its HTTP port (ASPNETCORE_URLS) serves only /metrics, /health/live and /health/ready.
var builder = WebApplication.CreateBuilder(args);

builder.AddIngestionWorker();

var app = builder.Build();

app.MapWorkerEndpoints();

return app.RunToExitCode();
