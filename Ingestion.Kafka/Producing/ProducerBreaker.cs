using Ingestion.Kafka.Configuration;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;

namespace Ingestion.Kafka.Producing;

/// <summary>
/// The producer's circuit breaker (Polly): opens after too many failed produces, so callers fail at once with
/// <see cref="KafkaUnavailableException"/> instead of each waiting the delivery timeout, and reports whether it is open.
/// </summary>
internal sealed class ProducerBreaker
{
    private readonly ResiliencePipeline pipeline;
    private readonly ILogger logger;
    private int open;

    public ProducerBreaker(KafkaOptions options, ILogger logger)
    {
        this.logger = logger;
        pipeline = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<KafkaProduceException>(),
                OnOpened = _ => SetOpen(true),
                OnClosed = _ => SetOpen(false),
            })
            .Build();
    }

    /// <summary>True from the moment the breaker opens until a trial produce closes it again.</summary>
    public bool IsOpen => Volatile.Read(ref open) == 1;

    /// <summary>Runs <paramref name="produce"/> through the breaker; a <see cref="KafkaProduceException"/> counts as a failure.</summary>
    /// <exception cref="KafkaUnavailableException">The breaker is open.</exception>
    public async ValueTask<TResult> Run<TState, TResult>(Func<TState, CancellationToken, ValueTask<TResult>> produce, TState state, string topic,
        CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(produce, state, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException exception)
        {
            throw new KafkaUnavailableException($"Kafka is unavailable (recent produces to '{topic}' failed); try again later.",
                exception.RetryAfter ?? TimeSpan.FromSeconds(1), exception);
        }
    }

    private ValueTask SetOpen(bool opened)
    {
        Volatile.Write(ref open, opened ? 1 : 0);
        if (opened)
            logger.LogWarning("Kafka produce circuit breaker opened: produces fail at once until a trial produce succeeds");
        else
            logger.LogInformation("Kafka produce circuit breaker closed");
        return ValueTask.CompletedTask;
    }
}
