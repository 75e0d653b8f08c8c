using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ingestion.Storage.Queries;

/// <summary>Labels to and from their jsonb text, without reflection.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class LabelsJson : JsonSerializerContext
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    public static string Serialize(IReadOnlyDictionary<string, string> labels) =>
        JsonSerializer.Serialize(labels as Dictionary<string, string> ?? new Dictionary<string, string>(labels), Default.DictionaryStringString);

    public static IReadOnlyDictionary<string, string> Deserialize(string json) =>
        json is "{}" or "null" ? Empty : JsonSerializer.Deserialize(json, Default.DictionaryStringString) ?? Empty;
}
