using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ingestion.Ops;

/// <summary>JSON for scripts: snake_case like the DLQ record, one compact object per line.</summary>
internal static class OpsJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    public static string Line<T>(T value) => JsonSerializer.Serialize(value, Options);
}
