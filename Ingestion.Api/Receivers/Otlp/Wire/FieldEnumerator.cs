using Ingestion.Api.Receivers.Protobuf;

namespace Ingestion.Api.Receivers.Otlp.Wire;

/// <summary>
/// The length-delimited occurrences of one field of a message already checked by <see cref="OtlpWireSchema"/>, in order
/// (<c>foreach</c> over a span, no allocation); other fields, and the field under another wire type, are skipped.
/// </summary>
internal ref struct FieldEnumerator(ReadOnlySpan<byte> message, int field)
{
    private WireReader reader = new(message, discardUnknownFields: true);

    public ReadOnlySpan<byte> Current { get; private set; }

    public readonly FieldEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var number, out var wireType))
                return false;
            if (number == field && wireType == WireReader.LengthDelimited)
            {
                if (!reader.TryReadLengthDelimited(out var value))
                    return false;
                Current = value;
                return true;
            }
            if (!reader.TrySkip(number, wireType))
                return false;
        }
        return false;
    }
}
