using Ingestion.Api.Parsing;
using Ingestion.Api.Telemetry;
using Microsoft.AspNetCore.Diagnostics;

namespace Ingestion.Api.Apis;

/// <summary>
/// Answers failures of reading a request body, whichever endpoint was reading it: <see cref="BodyMemoryExhaustedException"/>
/// with 503 and Retry-After, and Kestrel's <see cref="BadHttpRequestException"/> (a body slower than the minimum rate: 408;
/// malformed chunking: 400) with its own status instead of a 500.
/// </summary>
internal sealed class RequestBodyFailureHandler(IProblemDetailsService problems, ApiMetrics telemetry) : IExceptionHandler
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var endpoint = ApiMetrics.EndpointOf(httpContext.Request);
        var problem = new ProblemDetailsContext { HttpContext = httpContext, Exception = exception };
        switch (exception)
        {
            case BodyMemoryExhaustedException:
                telemetry.Rejected(endpoint, "body_memory");
                httpContext.Response.Headers.RetryAfter = ApiProblems.RetryAfterSeconds(RetryAfter);
                problem.ProblemDetails.Status = StatusCodes.Status503ServiceUnavailable;
                problem.ProblemDetails.Title = "The API is reading too many request bodies at once.";
                problem.ProblemDetails.Detail = "Request bodies being read hold all the memory set aside for them (Api:MaxBufferedBodyBytes); retry after the indicated delay.";
                break;
            case BadHttpRequestException bad:
                telemetry.Rejected(endpoint, bad.StatusCode == StatusCodes.Status408RequestTimeout ? "body_too_slow" : "bad_request");
                problem.ProblemDetails.Status = bad.StatusCode;
                problem.ProblemDetails.Title = "The request body could not be read.";
                problem.ProblemDetails.Detail = bad.Message;
                break;
            default:
                return false;
        }
        httpContext.Response.StatusCode = problem.ProblemDetails.Status.Value;
        return await problems.TryWriteAsync(problem);
    }
}
