using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ingestion.ServiceDefaults.Health;

/// <summary>
/// Writes a health report as <c>{"status": "...", "checks": {"kafka-rider": {"status", "description", "error"}, ...}}</c>.
/// The endpoint is open to anyone: <c>error</c> names the exception type (and a PostgreSQL SQLSTATE) but never its message,
/// which may carry host names, ports or user names. The message goes to the log.
/// </summary>
public static class HealthReportWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description);
            if (entry.Exception is not null)
                json.WriteString("error", entry.Exception is Npgsql.PostgresException postgres
                    ? $"{postgres.GetType().Name} {postgres.SqlState}"
                    : entry.Exception.GetType().Name);
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
