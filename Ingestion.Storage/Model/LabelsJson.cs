using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ingestion.Storage.Model;

/// <summary>
/// Labels to and from their jsonb text, without reflection: what the writer sends for a series and what the queries
/// send as a containment filter and read back. The one place labels become JSON in this project's storage.
/// </summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class LabelsJson : JsonSerializerContext
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <summary>The labels as a JSON object; <c>{}</c> when there are none.</summary>
    public static string Serialize(IReadOnlyDictionary<string, string>? labels) =>
        labels is null || labels.Count == 0
            ? "{}"
            : JsonSerializer.Serialize(labels as Dictionary<string, string> ?? new Dictionary<string, string>(labels), Default.DictionaryStringString);

    public static IReadOnlyDictionary<string, string> Deserialize(string json) =>
        json is "{}" or "null" ? Empty : JsonSerializer.Deserialize(json, Default.DictionaryStringString) ?? Empty;
}
