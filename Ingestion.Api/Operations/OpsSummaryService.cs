using Ingestion.Api.Model.Ops;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Ingestion.Api.Operations;

/// <summary>
/// Builds <see cref="OpsSummary"/> on demand and reuses it for <see cref="DashboardOptions.CacheFor"/>, one build at a time,
/// so any number of open pages and scripts cost Kafka, PostgreSQL and the workers one read per interval. Every part is read
/// with a timeout and reports its own failure, so one unreachable dependency never blanks the page.
/// </summary>
public sealed class OpsSummaryService(
    IOptions<DashboardOptions> options,
    KafkaOpsReader kafka,
    WorkerProbe workers,
    ApiTrafficMeter traffic,
    HealthCheckService health,
    TimeProvider clock) : IDisposable
{
    private readonly DashboardOptions settings = options.Value;
    private readonly CounterRates rates = new(clock, options.Value.RateWindow);
    private readonly SemaphoreSlim gate = new(1, 1);
    private (OpsSummary Summary, long At)? cached;

    public async Task<OpsSummary> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } summary) return summary;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } built) return built;
            var fresh = await BuildAsync();
            cached = (fresh, clock.GetTimestamp());
            return fresh;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private OpsSummary? Fresh() =>
        cached is { } entry && clock.GetElapsedTime(entry.At) < settings.CacheFor ? entry.Summary : null;

    private async Task<OpsSummary> BuildAsync()
    {
        // Not the request's token: the build is shared by every waiting request, and bounded by the read timeouts instead.
        using var timeout = new CancellationTokenSource(settings.ReadTimeout + settings.ReadTimeout);
        var lag = kafka.ReadLagAsync(timeout.Token);
        var depth = kafka.ReadDepthAsync(timeout.Token);
        var readings = Task.WhenAll(settings.Workers.Where(url => url.Length > 0).Select(url => workers.ReadAsync(url, timeout.Token)));
        var checks = ReadHealthAsync(timeout.Token);
        var api = new ApiTrafficView(
            rates.Observe("api:accepted", traffic.Accepted),
            rates.Observe("api:4xx", traffic.ClientErrors),
            rates.Observe("api:5xx", traffic.ServerErrors),
            traffic.Accepted,
            traffic.Flag(ApiTrafficMeter.AdmissionRefusing),
            traffic.Flag(ApiTrafficMeter.ProducerBreakerOpen));
        var workerViews = (await readings).Select(WorkerView).ToList();
        return new OpsSummary(clock.GetUtcNow(), api, workerViews, await lag, await depth, await checks);
    }

    private WorkerView WorkerView(WorkerReading reading) => new(
        reading.Url,
        reading.State,
        reading.Detail,
        reading.PersistedTotal is { } persisted ? rates.Observe($"worker:{reading.Url}:persisted", persisted) : null,
        (long?)reading.PersistedTotal,
        (long?)reading.DeadLetteredTotal,
        reading.BlockedSeconds,
        (long?)reading.PartitionRestarts);

    private async Task<IReadOnlyList<ComponentHealthView>> ReadHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            var report = await health.CheckHealthAsync(check => check.Tags.Contains("ready"), cancellationToken);
            return report.Entries
                .Select(entry => new ComponentHealthView(entry.Key, entry.Value.Status.ToString().ToLowerInvariant(),
                    entry.Value.Description ?? entry.Value.Exception?.Message))
                .OrderBy(view => view.Name, StringComparer.Ordinal)
                .ToList();
        }
        catch (OperationCanceledException)
        {
            return [new ComponentHealthView("readiness", "unhealthy", "The readiness checks did not answer in time.")];
        }
    }
}
