namespace Ingestion.Api.Model.Ops;

/// <summary>One dependency's health as this API's readiness checks see it.</summary>
/// <param name="Name">The readiness check's name, for example <c>kafka-rider</c> or <c>postgresql</c>.</param>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>.</param>
/// <param name="Detail">The check's description or error, when it has one.</param>
public sealed record ComponentHealthView(string Name, string Status, string? Detail);
