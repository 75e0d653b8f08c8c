using Ingestion.ServiceDefaults;
using Ingestion.Api.Apis;
using Ingestion.Api.Extensions;
using Ingestion.Api.Receivers;
using Ingestion.Api.Operations;

var builder = WebApplication.CreateBuilder(args);

builder.AddIngestionApi();
builder.AddReceivers();

var app = builder.Build();

app.UseIngestionApi();

app.MapMetricsApi();
app.MapReceivers();
app.MapSeriesApi();
app.MapOperationsEndpoints();
app.MapOperationsDashboard();

return app.RunToExitCode();
