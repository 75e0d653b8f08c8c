namespace Ingestion.Api.Parsing;

/// <summary>The bodies being read already hold <c>Api:MaxBufferedBodyBytes</c>; this request is answered 503 with Retry-After.</summary>
public sealed class BodyMemoryExhaustedException : Exception
{
    public BodyMemoryExhaustedException()
        : base("Request bodies being read hold all of Api:MaxBufferedBodyBytes.")
    {
    }

    public BodyMemoryExhaustedException(string message)
        : base(message)
    {
    }

    public BodyMemoryExhaustedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
