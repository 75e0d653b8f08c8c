using Ingestion.Api.Apis;
using Ingestion.Api.Extensions;
using Ingestion.Api.Operations;

var builder = WebApplication.CreateBuilder(args);

builder.AddIngestionApi();

var app = builder.Build();

app.UseIngestionApi();

app.MapMetricsApi();
app.MapSeriesApi();
app.MapOperationsEndpoints();
app.MapOperationsDashboard();

app.Run();
