using System.Collections.Concurrent;
using Ingestion.Api.Options;
using Microsoft.Extensions.Options;

namespace Ingestion.Api.Idempotency;

/// <summary>
/// Remembers which body each idempotency-derived metric id was first accepted with, so that a key reused with a different
/// body is refused (422) instead of silently swapping or dropping a metric. Bounded and in memory, per API process: two
/// generations of at most <c>Api:IdempotencyKeyCapacity</c> ids each; the current one becomes the previous one when it
/// is full or <c>Api:IdempotencyKeyWindow</c> old, so a key is remembered for at least that window unless more keys than
/// the capacity arrive within it. Another API replica does not see this replica's keys.
/// </summary>
internal sealed class IdempotencyLedger(IOptions<ApiOptions> options, TimeProvider clock)
{
    private readonly int capacity = options.Value.IdempotencyKeyCapacity;
    private readonly TimeSpan window = options.Value.IdempotencyKeyWindow;
    private readonly Lock rotation = new();
    private ConcurrentDictionary<Guid, ulong> current = new();
    private ConcurrentDictionary<Guid, ulong> previous = new();
    private DateTimeOffset currentSince = clock.GetUtcNow();

    /// <summary>False when <paramref name="id"/> is remembered with another fingerprint; reads only.</summary>
    public bool Matches(Guid id, ulong fingerprint) =>
        (!current.TryGetValue(id, out var known) && !previous.TryGetValue(id, out known)) || known == fingerprint;

    /// <summary>Remembers <paramref name="id"/> with <paramref name="fingerprint"/> unless it is known; false on a different body.</summary>
    public bool Claim(Guid id, ulong fingerprint)
    {
        if (previous.TryGetValue(id, out var old))
            return old == fingerprint;
        RotateIfDue();
        return current.GetOrAdd(id, fingerprint) == fingerprint;
    }

    private void RotateIfDue()
    {
        if (current.Count < capacity && clock.GetUtcNow() - currentSince < window)
            return;
        lock (rotation)
        {
            if (current.Count < capacity && clock.GetUtcNow() - currentSince < window)
                return;
            previous = current;
            current = new ConcurrentDictionary<Guid, ulong>();
            currentSince = clock.GetUtcNow();
        }
    }
}
