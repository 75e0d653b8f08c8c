using Ingestion.Contracts;

namespace Ingestion.Api.Parsing;

/// <summary>Turns parsed input into the message we produce: id, defaults, then the shared validation rules.</summary>
internal static class MetricAcceptance
{
    public static MetricRecorded ToMessage(MetricInput input, string? idempotencyKey, DateTimeOffset now) => new()
    {
        Id = idempotencyKey is null ? IdempotencyKeys.NewId(now) : IdempotencyKeys.IdFor(idempotencyKey),
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
