using System.Globalization;

namespace Ingestion.Tests.Deploy;

/// <summary>A YAML mapping with typed, null-tolerant accessors, so assertions read as paths.</summary>
internal sealed class YamlMap(Dictionary<object, object?> entries)
{
    public IEnumerable<string> Keys => entries.Keys.Select(k => Convert.ToString(k, CultureInfo.InvariantCulture)!);

    public bool Has(string key) => entries.ContainsKey(key);

    public string? String(string key) =>
        entries.TryGetValue(key, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    public YamlMap Map(string key) =>
        entries.TryGetValue(key, out var value) && value is Dictionary<object, object?> map
            ? new YamlMap(map)
            : new YamlMap([]);

    public YamlMap? MapOrNull(string key) => Has(key) ? Map(key) : null;

    public IReadOnlyList<YamlMap> Maps(string key) =>
        entries.TryGetValue(key, out var value) && value is List<object?> list
            ? list.OfType<Dictionary<object, object?>>().Select(m => new YamlMap(m)).ToList()
            : [];

    public IReadOnlyList<string> Strings(string key) =>
        entries.TryGetValue(key, out var value) && value is List<object?> list
            ? list.Select(item => Convert.ToString(item, CultureInfo.InvariantCulture) ?? string.Empty).ToList()
            : [];

    /// <summary>Follows a dotted path of mapping keys, for example <c>spec.template.spec</c>.</summary>
    public YamlMap At(string path) => path.Split('.').Aggregate(this, (map, key) => map.Map(key));

    /// <summary>The mapping as string pairs (for environment blocks).</summary>
    public IReadOnlyDictionary<string, string> AsStrings() =>
        entries.ToDictionary(
            pair => Convert.ToString(pair.Key, CultureInfo.InvariantCulture)!,
            pair => Convert.ToString(pair.Value, CultureInfo.InvariantCulture) ?? string.Empty);
}
