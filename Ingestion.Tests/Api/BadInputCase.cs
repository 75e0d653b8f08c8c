namespace Ingestion.Tests.Api;

/// <summary>One request the API must refuse: the expected status and the field the problem detail must name (null: no field).</summary>
public sealed record BadInputCase(string Method, string Path, string? ContentType, string? Body, int Status, string? Field, string? Header = null, string? HeaderValue = null);
