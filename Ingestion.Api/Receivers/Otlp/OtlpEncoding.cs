namespace Ingestion.Api.Receivers.Otlp;

/// <summary>The two encodings of OTLP/HTTP; answers go back in the request's encoding.</summary>
internal enum OtlpEncoding
{
    Protobuf,
    Json,
}
