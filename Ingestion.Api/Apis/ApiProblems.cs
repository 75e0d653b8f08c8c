using System.Globalization;
using Ingestion.Api.Parsing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ingestion.Api.Apis;

/// <summary>The RFC 7807 answers the endpoints share.</summary>
internal static class ApiProblems
{
    public static ValidationProblem Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request is invalid; see errors for each field.");

    public static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The body is too large.",
            detail: $"This endpoint accepts bodies of at most {limit} bytes.");

    public static ProblemHttpResult TooExpensive(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The query would read too many rows.", detail: detail);

    public static ProblemHttpResult NotJson() =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The body must be JSON.",
            detail: "Send the body with Content-Type: application/json.");

    public static ProblemHttpResult Unavailable(HttpContext context, TimeSpan retryAfter, string title, string detail,
        IDictionary<string, object?>? extensions = null)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title, detail: detail, extensions: extensions);
    }

    public static string RetryAfterSeconds(TimeSpan retryAfter) =>
        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
