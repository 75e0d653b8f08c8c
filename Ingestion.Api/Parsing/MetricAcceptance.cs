using Ingestion.Contracts;

namespace Ingestion.Api.Parsing;

/// <summary>Turns parsed input into the message we produce: id, defaults, then the shared validation rules.</summary>
internal static class MetricAcceptance
{
    /// <param name="input">The metric as read.</param>
    /// <param name="idempotencyKey">The client's key for it, if any.</param>
    /// <param name="scope">The caller's key scope (null without configured API keys).</param>
    /// <param name="now">The time of receipt.</param>
    public static MetricRecorded ToMessage(MetricInput input, string? idempotencyKey, byte[]? scope, DateTimeOffset now) => new()
    {
        Id = idempotencyKey is null ? IdempotencyKeys.NewId(now) : IdempotencyKeys.IdFor(idempotencyKey, scope),
        Name = input.Name ?? string.Empty,
        Value = input.Value,
        Labels = input.Labels,
        Timestamp = input.Timestamp ?? now,
        ReceivedAt = now,
    };

    /// <summary>Applies <see cref="MetricValidator"/>, skipping fields the parser already rejected.</summary>
    public static void Validate(MetricRecorded message, int index, DateTimeOffset now, TimeSpan maxAge, FieldErrors errors)
    {
        foreach (var error in MetricValidator.Validate(message, now, maxAge))
        {
            var field = MetricObjectReader.Field(index, error.Field);
            if (!errors.Has(field))
                errors.Add(field, error.Message);
        }
    }
}
