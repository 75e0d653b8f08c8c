using System.Globalization;
using Ingestion.Api.Parsing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ingestion.Api.Apis;

/// <summary>The RFC 7807 answers the endpoints share.</summary>
internal static class ApiProblems
{
    public static ValidationProblem Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request is invalid; see errors for each field.");

    /// <summary>422 (as the IETF Idempotency-Key draft advises): a key reused with a different body; <c>errors</c> names where.</summary>
    public static ProblemHttpResult KeyReused(FieldErrors errors) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "An idempotency key was reused with a different metric.",
            detail: "The same key always names the same metric; a retry must repeat the body it was first sent with.",
            extensions: new Dictionary<string, object?> { ["errors"] = errors.ToDictionary() });

    public static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The body is too large.",
            detail: $"This endpoint accepts bodies of at most {limit} bytes.");

    public static ProblemHttpResult TooExpensive(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The query would read too many rows.", detail: detail);

    public static ProblemHttpResult NotJson() =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The body must be JSON.",
            detail: "Send the body with Content-Type: application/json.");

    /// <summary>RFC 7694: a content coding the endpoint does not read is 415, and <c>Accept-Encoding</c> names what it does.</summary>
    public static ProblemHttpResult EncodedBody(HttpContext context)
    {
        context.Response.Headers.AcceptEncoding = "identity";
        return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The body must not be compressed.",
            detail: $"Content-Encoding '{context.Request.Headers.ContentEncoding}' is not supported here; send the JSON uncompressed.");
    }

    /// <summary>True when the request names a content coding other than identity.</summary>
    public static bool IsEncoded(HttpRequest request)
    {
        foreach (var coding in request.Headers.ContentEncoding)
        {
            if (!string.Equals(coding?.Trim(), "identity", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    public static ProblemHttpResult Unavailable(HttpContext context, TimeSpan retryAfter, string title, string detail,
        IDictionary<string, object?>? extensions = null)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title, detail: detail, extensions: extensions);
    }

    public static string RetryAfterSeconds(TimeSpan retryAfter) =>
        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
