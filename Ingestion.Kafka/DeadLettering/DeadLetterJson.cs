using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ingestion.Kafka.DeadLettering;

/// <summary>
/// How dead-letter records are written: non-ASCII text as UTF-8 rather than six-byte escapes (more of an oversized original
/// fits), control characters always escaped (<c>\u001b</c>), so a record printed as it is cannot drive a terminal.
/// </summary>
internal static class DeadLetterJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
