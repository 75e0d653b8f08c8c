using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Ingestion.Storage.EntityConfigurations;

/// <summary>Maps the label dictionary to the <c>jsonb</c> column as a JSON object of strings.</summary>
internal static class LabelsJson
{
    public static readonly ValueConverter<Dictionary<string, string>, string> Converter = new(
        labels => Serialize(labels),
        json => Deserialize(json));

    public static readonly ValueComparer<Dictionary<string, string>> Comparer = new(
        (a, b) => a != null && b != null && a.Count == b.Count && !a.Except(b).Any(),
        labels => labels.Aggregate(0, (hash, pair) => hash ^ HashCode.Combine(pair.Key, pair.Value)),
        labels => new Dictionary<string, string>(labels));

    public static string Serialize(IReadOnlyDictionary<string, string>? labels) =>
        labels is null || labels.Count == 0 ? "{}" : JsonSerializer.Serialize(labels, LabelsJsonContext.Default.IReadOnlyDictionaryStringString);

    private static Dictionary<string, string> Deserialize(string json) =>
        JsonSerializer.Deserialize(json, LabelsJsonContext.Default.DictionaryStringString) ?? [];
}
