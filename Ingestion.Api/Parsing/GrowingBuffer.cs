using System.Buffers;
using System.Numerics;

namespace Ingestion.Api.Parsing;

/// <summary>
/// A pooled buffer that grows as bytes arrive: it starts small and doubles, never beyond <c>cap</c> (the declared length or
/// the limit), so a client that declares a large body and sends little costs little. Every rented byte is reserved in the
/// <see cref="BodyBufferBudget"/> first.
/// </summary>
internal struct GrowingBuffer(BodyBufferBudget budget, int cap)
{
    private const int FirstSize = 4096;

    private byte[]? array;
    private long charged;

    public int Length { get; private set; }

    public readonly byte[]? Array => array;

    /// <summary>Copies <paramref name="data"/> to the end; throws <see cref="BodyMemoryExhaustedException"/> when the budget is spent.</summary>
    public void Append(in ReadOnlySequence<byte> data)
    {
        if (data.IsEmpty)
            return;
        var needed = Length + (int)data.Length;
        if (array is null || needed > array.Length)
            Grow(needed);
        data.CopyTo(array.AsSpan(Length));
        Length = needed;
    }

    /// <summary>Returns the buffer to the pool and its bytes to the budget.</summary>
    public void Release()
    {
        if (array is not null)
            ArrayPool<byte>.Shared.Return(array);
        budget.Release(charged);
        array = null;
        charged = 0;
        Length = 0;
    }

    private void Grow(int needed)
    {
        var size = Math.Max(needed, Math.Min(array is null ? FirstSize : array.Length * 2, cap));
        // The shared pool hands out arrays rounded up to a power of two: reserve what it will really allocate.
        var charge = (long)BitOperations.RoundUpToPowerOf2((uint)Math.Max(size, 16));
        if (!budget.TryReserve(charge))
            throw new BodyMemoryExhaustedException();
        var larger = ArrayPool<byte>.Shared.Rent(size);
        if (array is not null)
        {
            array.AsSpan(0, Length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(array);
        }
        budget.Release(charged);
        array = larger;
        charged = charge;
    }
}
