using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Ingestion.Api.Receivers.KnownSeries;

/// <summary>
/// Series seen recently, found again by the exact bytes their labels arrived as: Prometheus sends the same series every
/// scrape and an OpenTelemetry exporter the same attribute sets every export, so the labels, the Kafka key and the id
/// input of a series are worked out once (<see cref="SeriesLabels"/>) instead of once per sample. Fixed size, one slot per
/// hash pair (two-way, so a few thousand series rarely push each other out): a new series takes the free slot of its pair or
/// replaces one of the two, memory never grows, and a series that misses costs what it cost without the cache plus the
/// one-time derivations. Safe for
/// concurrent readers and writers (a slot is one reference to an entry that never changes).
/// </summary>
/// <remarks>
/// A hit needs the same <c>context</c> (what besides the bytes decides the labels: the receiver, and for OTLP the metric
/// name and the resource and scope labels) and the same bytes, compared in full; the hash only picks the slot.
/// </remarks>
internal sealed class SeriesCache
{
    private readonly Entry?[] slots;

    public SeriesCache(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, "The size must be a power of two, at least 2.");
        slots = new Entry?[size];
    }

    /// <summary>The API's cache: 16,384 series (about 10 MiB when full of six-label series).</summary>
    public static SeriesCache Shared { get; } = new(16384);

    /// <summary>The hash seed of a context; compute it once per context, not per lookup.</summary>
    public static long Seed(string context) => (long)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(context.AsSpan()));

    /// <summary>The series stored for <paramref name="context"/> and <paramref name="bytes"/>, or null; <paramref name="hash"/> is for <see cref="Store"/>.</summary>
    public SeriesLabels? Find(string context, long seed, ReadOnlySpan<byte> bytes, out ulong hash)
    {
        hash = XxHash3.HashToUInt64(bytes, seed);
        var slot = First(hash);
        return Match(slots[slot], hash, context, bytes) ?? Match(slots[slot + 1], hash, context, bytes);
    }

    /// <summary>Remembers a sealed series under the hash <see cref="Find"/> gave for the same context and bytes.</summary>
    public void Store(ulong hash, string context, ReadOnlySpan<byte> bytes, SeriesLabels labels)
    {
        if (!labels.IsSealed)
            throw new ArgumentException("Only sealed series can be shared.", nameof(labels));
        var slot = First(hash);
        // The free one of the pair, else the one the hash's top bit picks (no bookkeeping shared between threads).
        if (slots[slot] is not null && (slots[slot + 1] is null || (hash >> 63) != 0))
            slot++;
        slots[slot] = new Entry(hash, context, bytes.ToArray(), labels);
    }

    private int First(ulong hash) => (int)(hash & (ulong)(slots.Length - 2));

    private static SeriesLabels? Match(Entry? entry, ulong hash, string context, ReadOnlySpan<byte> bytes) =>
        entry is not null && entry.Hash == hash && string.Equals(entry.Context, context, StringComparison.Ordinal) && bytes.SequenceEqual(entry.Bytes)
            ? entry.Labels
            : null;

    private sealed class Entry(ulong hash, string context, byte[] bytes, SeriesLabels labels)
    {
        public ulong Hash { get; } = hash;

        public string Context { get; } = context;

        public byte[] Bytes { get; } = bytes;

        public SeriesLabels Labels { get; } = labels;
    }
}
