using Confluent.Kafka;
using Ingestion.Api.Apis;
using Ingestion.Api.Model.Ops;
using Ingestion.Api.Parsing;
using Ingestion.Kafka.DeadLettering.Reading;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ingestion.Api.Operations;

/// <summary>GET handlers of <c>/api/v1/ops</c>.</summary>
internal static class OpsEndpoints
{
    private const int DefaultDeadLetterLimit = 20;

    public static async Task<Ok<OpsSummary>> GetSummary(OpsSummaryService summaries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await summaries.GetAsync(cancellationToken));

    public static async Task<Results<Ok<DeadLetterPage>, ValidationProblem, ProblemHttpResult>> GetDeadLetters(
        HttpContext context, string? limit, KafkaOpsReader kafka, ILogger<KafkaOpsReader> logger)
    {
        var errors = new FieldErrors();
        var count = QueryParameters.Limit(limit, DefaultDeadLetterLimit, DeadLetterTailReader.MaxLimit, errors);
        if (errors.Any)
            return ApiProblems.Invalid(errors);
        try
        {
            return TypedResults.Ok(await kafka.ReadDeadLettersAsync(count, context.RequestAborted));
        }
        catch (KafkaException exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            OpsLog.DeadLettersUnreadable(logger, exception);
            return ApiProblems.Unavailable(context, TimeSpan.FromSeconds(5), "The dead-letter topic could not be read.",
                $"Kafka did not answer: {exception.Error.Reason}. Retry after the indicated delay.");
        }
    }
}
