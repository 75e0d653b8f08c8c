namespace Ingestion.Api.Receivers;

/// <summary>The <c>Content-Encoding</c> of a receiver's body.</summary>
internal enum ContentCoding
{
    Identity,
    Gzip,
    Snappy,
    Unsupported,
}
