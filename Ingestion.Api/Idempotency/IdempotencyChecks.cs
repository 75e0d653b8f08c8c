using Ingestion.Api.Parsing;
using Ingestion.Contracts;

namespace Ingestion.Api.Idempotency;

/// <summary>The ingestion endpoints' use of <see cref="ApiKeyScopes"/> and <see cref="IdempotencyLedger"/>; services are resolved only for requests that carry a key.</summary>
internal static class IdempotencyChecks
{
    public const string Rule = "this idempotency key was already used with a different metric; a key names one metric (use a new key for new data).";

    public static byte[]? ScopeOf(HttpContext context) =>
        context.RequestServices.GetRequiredService<ApiKeyScopes>().For(context.Request);

    /// <summary>False when <paramref name="message"/>'s key was used with a different body.</summary>
    public static bool Claim(HttpContext context, MetricRecorded message, MetricInput input) =>
        context.RequestServices.GetRequiredService<IdempotencyLedger>().Claim(message.Id!.Value, MetricFingerprint.Of(input));

    /// <summary>
    /// Claims the id of every batch item that has a key; when any was used with a different body, claims none of them and
    /// names those items (<c>[i].id</c>) in <paramref name="conflicts"/>.
    /// </summary>
    public static void ClaimBatch(HttpContext context, List<MetricRecorded> messages, List<MetricInput> inputs, FieldErrors conflicts)
    {
        var ledger = context.RequestServices.GetRequiredService<IdempotencyLedger>();
        var fingerprints = new ulong[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            if (inputs[i].Id is null)
                continue;
            fingerprints[i] = MetricFingerprint.Of(inputs[i]);
            if (!ledger.Matches(messages[i].Id!.Value, fingerprints[i]))
                conflicts.Add(MetricObjectReader.Field(i, "id"), Rule);
        }
        for (var i = 0; i < messages.Count && !conflicts.Any; i++)
        {
            // A concurrent request may have claimed an id since the check above: still a conflict, reported the same way.
            if (inputs[i].Id is not null && !ledger.Claim(messages[i].Id!.Value, fingerprints[i]))
                conflicts.Add(MetricObjectReader.Field(i, "id"), Rule);
        }
    }
}
