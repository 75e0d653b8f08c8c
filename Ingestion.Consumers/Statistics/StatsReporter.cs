using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Statistics;

/// <summary>Logs <c>consumer_stats processed=... failed=... dlq=... rate_per_sec=... avg_processing_ms=... lag=... uptime_sec=...</c> every interval.</summary>
internal sealed partial class StatsReporter(WorkerStatistics statistics, IOptions<WorkerOptions> options, ILogger<StatsReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var previous = statistics.Snapshot();
        using var timer = new PeriodicTimer(options.Value.StatsInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                previous = Report(previous);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        Report(previous);
    }

    private WorkerStatisticsSnapshot Report(WorkerStatisticsSnapshot previous)
    {
        var now = statistics.Snapshot();
        var seconds = Math.Max(0.001, (now.Uptime - previous.Uptime).TotalSeconds);
        var batches = now.Batches - previous.Batches;
        // Average time to validate and write one batch in the interval (a batch is up to Worker:BatchSize metrics).
        var averageMs = batches == 0 ? 0 : (now.BatchTime - previous.BatchTime).TotalMilliseconds / batches;
        LogStats(logger, now.Processed, now.Failed, now.DeadLettered, Math.Round((now.Processed - previous.Processed) / seconds, 1),
            Math.Round(averageMs, 2), now.Lag, (long)now.Uptime.TotalSeconds);
        return now;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "consumer_stats processed={Processed} failed={Failed} dlq={Dlq} rate_per_sec={RatePerSec} avg_processing_ms={AvgProcessingMs} lag={Lag} uptime_sec={UptimeSec}")]
    private static partial void LogStats(ILogger logger, long processed, long failed, long dlq, double ratePerSec, double avgProcessingMs, long lag, long uptimeSec);
}
