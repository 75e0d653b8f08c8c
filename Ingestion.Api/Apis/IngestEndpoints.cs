using System.Diagnostics;
using Ingestion.Api.Idempotency;
using Ingestion.Api.Model;
using Ingestion.Api.Parsing;
using Ingestion.Contracts;
using Ingestion.Kafka.Producing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ingestion.Api.Apis;

/// <summary>POST handlers: read, validate everything, produce, and answer 202 only after the broker acknowledged.</summary>
internal static class IngestEndpoints
{
    private const string Single = "single";
    private const string Batch = "batch";

    public static async Task<Results<Accepted<MetricAccepted>, ValidationProblem, ProblemHttpResult>> PostMetric(
        HttpContext context,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        [AsParameters] MetricsServices services)
    {
        var options = services.Options.Value;
        if (!context.Request.HasJsonContentType())
            return Rejected(services, Single, "unsupported_media_type", ApiProblems.NotJson());
        if (ApiProblems.IsEncoded(context.Request))
            return Rejected(services, Single, "unsupported_media_type", ApiProblems.EncodedBody(context));
        using var body = await RequestBody.ReadAsync(context.Request, options.MaxSingleBodyBytes, context.RequestAborted);
        if (body.TooLarge)
            return Rejected(services, Single, "too_large", ApiProblems.TooLarge(options.MaxSingleBodyBytes));

        var now = services.Clock.GetUtcNow();
        var errors = new FieldErrors();
        if (idempotencyKey is not null && !IdempotencyKeys.IsValid(idempotencyKey))
            errors.Add("Idempotency-Key", IdempotencyKeys.Rule);
        var input = MetricJsonParser.ParseSingle(body.Span, errors);
        MetricRecorded? message = null;
        var key = idempotencyKey ?? input?.Id;
        if (input is not null)
        {
            message = MetricAcceptance.ToMessage(input, key, key is null ? null : IdempotencyChecks.ScopeOf(context), now);
            MetricAcceptance.Validate(message, -1, now, options.MaxMetricAge, errors);
        }
        if (errors.Any || message is null || input is null)
            return Rejected(services, Single, "validation", ApiProblems.Invalid(errors));
        if (key is not null && !IdempotencyChecks.Claim(context, message, input))
        {
            errors.Add(idempotencyKey is null ? "id" : "Idempotency-Key", IdempotencyChecks.Rule);
            return Rejected(services, Single, "idempotency_conflict", ApiProblems.KeyReused(errors));
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await services.Producer.Produce(message, context.RequestAborted).WaitAsync(options.ProduceTimeout, context.RequestAborted);
        }
        catch (Exception exception) when (exception is KafkaProduceException or TimeoutException)
        {
            services.Telemetry.Produced(Single, Stopwatch.GetElapsedTime(started), succeeded: false);
            Log.ProduceFailed(services.Logger, options.Topic, message.Name, message.Id!.Value, exception);
            return Rejected(services, Single, "kafka_unavailable", KafkaUnavailable(context, exception, null));
        }
        services.Telemetry.Produced(Single, Stopwatch.GetElapsedTime(started), succeeded: true);
        services.Telemetry.Accepted(Single, 1);
        return TypedResults.Accepted((string?)null, new MetricAccepted("queued", message.Id!.Value));
    }

    public static async Task<Results<Accepted<BatchAccepted>, ValidationProblem, ProblemHttpResult>> PostBatch(
        HttpContext context,
        [AsParameters] MetricsServices services)
    {
        var options = services.Options.Value;
        if (!context.Request.HasJsonContentType())
            return Rejected(services, Batch, "unsupported_media_type", ApiProblems.NotJson());
        if (ApiProblems.IsEncoded(context.Request))
            return Rejected(services, Batch, "unsupported_media_type", ApiProblems.EncodedBody(context));
        using var body = await RequestBody.ReadAsync(context.Request, options.MaxBatchBodyBytes, context.RequestAborted);
        if (body.TooLarge)
            return Rejected(services, Batch, "too_large", ApiProblems.TooLarge(options.MaxBatchBodyBytes));

        var now = services.Clock.GetUtcNow();
        var errors = new FieldErrors();
        var inputs = MetricJsonParser.ParseBatch(body.Span, options.MaxBatchSize, errors);
        var messages = new List<MetricRecorded>(inputs?.Count ?? 0);
        var keyed = false;
        byte[]? scope = null;
        for (var i = 0; inputs is not null && i < inputs.Count && !errors.IsFull; i++)
        {
            if (inputs[i].Id is not null && !keyed)
            {
                keyed = true;
                scope = IdempotencyChecks.ScopeOf(context);
            }
            var message = MetricAcceptance.ToMessage(inputs[i], inputs[i].Id, scope, now);
            MetricAcceptance.Validate(message, i, now, options.MaxMetricAge, errors);
            messages.Add(message);
        }
        if (keyed)
            BatchIds.RejectRepeated(messages, inputs, errors);
        if (errors.Any || inputs is null)
            return Rejected(services, Batch, "validation", ApiProblems.Invalid(errors));
        if (keyed)
        {
            IdempotencyChecks.ClaimBatch(context, messages, inputs, errors);
            if (errors.Any)
                return Rejected(services, Batch, "idempotency_conflict", ApiProblems.KeyReused(errors));
        }

        var ids = messages.ConvertAll(m => m.Id!.Value);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await services.Producer.ProduceMany(messages, context.RequestAborted).WaitAsync(options.ProduceTimeout, context.RequestAborted);
        }
        catch (Exception exception) when (exception is KafkaProduceException or TimeoutException)
        {
            services.Telemetry.Produced(Batch, Stopwatch.GetElapsedTime(started), succeeded: false);
            var acknowledged = exception is KafkaProduceException produce
                ? produce.AcknowledgedIndexes.Order().Select(i => ids[i]).ToArray()
                : [];
            Log.BatchProduceFailed(services.Logger, options.Topic, acknowledged.Length, ids.Count, exception);
            if (acknowledged.Length > 0)
                services.Telemetry.Accepted(Batch, acknowledged.Length);
            var extensions = new Dictionary<string, object?>
            {
                ["count"] = ids.Count,
                ["acknowledgedCount"] = acknowledged.Length,
                ["acknowledgedIds"] = acknowledged,
            };
            return Rejected(services, Batch, "kafka_unavailable", KafkaUnavailable(context, exception, extensions));
        }
        services.Telemetry.Produced(Batch, Stopwatch.GetElapsedTime(started), succeeded: true);
        services.Telemetry.Accepted(Batch, ids.Count);
        return TypedResults.Accepted((string?)null, new BatchAccepted("queued", ids.Count, ids));
    }

    private static ProblemHttpResult KafkaUnavailable(HttpContext context, Exception exception, IDictionary<string, object?>? extensions)
    {
        var retryAfter = exception switch
        {
            KafkaUnavailableException open => open.RetryAfter,
            KafkaProduceException failed => failed.RetryAfter,
            _ => TimeSpan.FromSeconds(5),
        };
        return ApiProblems.Unavailable(context, retryAfter, "Kafka did not acknowledge the metrics.",
            "Nothing is accepted until the broker acknowledges it; retry after the indicated delay (an Idempotency-Key or item id makes the retry safe).",
            extensions);
    }

    private static TResult Rejected<TResult>(MetricsServices services, string endpoint, string reason, TResult result)
    {
        services.Telemetry.Rejected(endpoint, reason);
        return result;
    }
}
