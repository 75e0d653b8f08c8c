using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Ingestion.Storage.Migrating;

/// <summary>Waits for PostgreSQL at start-up with a bounded, backing-off Polly retry, then fails with one clear sentence.</summary>
public sealed partial class PostgresAvailability
{
    private readonly ResiliencePipeline pipeline;
    private readonly IDbContextFactory<MetricsDbContext> contexts;
    private readonly int attempts;

    public PostgresAvailability(IDbContextFactory<MetricsDbContext> contexts, IOptions<StorageOptions> options, ILogger<PostgresAvailability> logger)
    {
        this.contexts = contexts;
        var settings = options.Value;
        attempts = Math.Max(0, settings.StartupRetryAttempts) + 1;
        // Polly refuses a retry strategy with no retries: 0 (do not wait) is no strategy at all.
        pipeline = settings.StartupRetryAttempts <= 0 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient).Handle<TimeoutException>(),
                MaxRetryAttempts = settings.StartupRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = settings.StartupMaxRetryDelay,
                UseJitter = true,
                OnRetry = args =>
                {
                    LogWaiting(logger, args.AttemptNumber + 1, attempts, args.RetryDelay.TotalSeconds, args.Outcome.Exception?.Message);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Runs <paramref name="probe"/> until PostgreSQL answers or the attempts run out.</summary>
    public async Task<T> WaitAsync<T>(Func<CancellationToken, Task<T>> probe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        try
        {
            return await pipeline.ExecuteAsync(async token => await probe(token), cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException { IsTransient: true } or TimeoutException)
        {
            await using var context = await contexts.CreateDbContextAsync(cancellationToken);
            var target = new NpgsqlConnectionStringBuilder(context.Database.GetConnectionString());
            throw new StorageUnavailableException(
                $"PostgreSQL at {target.Host}:{target.Port} (database '{target.Database}') did not answer after {attempts} attempts; " +
                $"check ConnectionStrings:Metrics and that the server is running (last error: {e.Message}).", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for PostgreSQL: attempt {Attempt} of {Attempts} in {DelaySeconds:0.0} s ({Error})")]
    private static partial void LogWaiting(ILogger logger, int attempt, int attempts, double delaySeconds, string? error);
}
