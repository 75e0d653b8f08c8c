using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingestion.Storage.Retention;

/// <summary>Runs the <see cref="RetentionJob"/> in the worker every <see cref="RetentionOptions.Interval"/>.</summary>
internal sealed partial class RetentionService(RetentionJob job, IOptions<StorageOptions> options, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Retention.Interval);
        do
        {
            try
            {
                await job.RunAsync(dryRun: false, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The next tick tries again; partitions are created ahead by days (and by the writer on demand), so a missed
                // run costs nothing, and a failing job must not stop the worker.
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention run failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
