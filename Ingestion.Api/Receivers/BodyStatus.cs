namespace Ingestion.Api.Receivers;

/// <summary>What became of reading and decompressing a receiver's body.</summary>
internal enum BodyStatus
{
    Ok,
    TooLarge,
    Corrupt,
}
