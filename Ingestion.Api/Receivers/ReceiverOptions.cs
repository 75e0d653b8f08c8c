namespace Ingestion.Api.Receivers;

/// <summary>Limits of the OTLP/HTTP and remote-write receivers (section <c>Receivers</c>); every size a client controls.</summary>
public sealed class ReceiverOptions
{
    public const string Section = "Receivers";

    /// <summary>Largest body as sent (compressed or not); 413 above.</summary>
    public long MaxBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Largest body once decompressed; 413 above, so a small gzip or snappy body cannot inflate into gigabytes.</summary>
    public long MaxDecompressedBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Most samples one request may turn into (a histogram point is several); 413 above.</summary>
    public int MaxSamplesPerRequest { get; set; } = 50_000;

    /// <summary>Most attributes (point plus scope) on one OTLP point, or labels on one remote-write series; such points are refused.</summary>
    public int MaxAttributesPerPoint { get; set; } = 128;
}
