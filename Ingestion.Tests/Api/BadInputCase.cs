namespace Ingestion.Tests.Api;

/// <summary>
/// One request the API must refuse: the expected status and the field the problem detail must name (null: no field).
/// <paramref name="Bytes"/> replaces <paramref name="Body"/> when a case needs bytes a string cannot carry (invalid UTF-8);
/// <paramref name="Mentions"/> is text the problem's <c>detail</c> must contain (the reason, for answers without fields).
/// </summary>
public sealed record BadInputCase(
    string Method,
    string Path,
    string? ContentType,
    string? Body,
    int Status,
    string? Field,
    string? Header = null,
    string? HeaderValue = null,
    byte[]? Bytes = null,
    string? Mentions = null);
