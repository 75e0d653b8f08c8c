using System.Globalization;
using System.Text;
using Ingestion.Api.Receivers.KnownSeries;
using Ingestion.Api.Receivers.Otlp.Protocol;
using Ingestion.Contracts;

namespace Ingestion.Api.Receivers.Otlp;

/// <summary>
/// The labels of an OTLP point, in the order that wins when there are more than <see cref="MetricLimits.MaxLabels"/>:
/// the series' own <c>le</c> or <c>quantile</c>, then <c>job</c> and <c>instance</c> from the resource, then the point's
/// attributes by key, then <c>otel_scope_name</c>, <c>otel_scope_version</c> and the scope's attributes by key. A key
/// already taken (two attributes that sanitise alike, or an attribute named like a resource label) keeps its first value.
/// </summary>
internal sealed class OtlpLabels
{
    private static readonly Comparer<KeyValue> ByKey = Comparer<KeyValue>.Create((a, b) => string.CompareOrdinal(a.Key, b.Key));
    private static readonly Comparer<KeyValuePair<string, string>> PairsByKey =
        Comparer<KeyValuePair<string, string>>.Create((a, b) => string.CompareOrdinal(a.Key, b.Key));

    [ThreadStatic]
    private static KeyValue[]? sortBuffer;

    private readonly List<KeyValuePair<string, string>> resource = [];
    private readonly List<KeyValuePair<string, string>> scope = [];
    private string? signature;

    private OtlpLabels()
    {
    }

    /// <summary>The labels every point of one resource and scope shares (computed once per scope).</summary>
    public static OtlpLabels For(Resource? resource, InstrumentationScope? scope)
    {
        var labels = new OtlpLabels();
        string? name = null, space = null, instance = null;
        foreach (var attribute in resource?.Attributes ?? [])
        {
            switch (attribute.Key)
            {
                case "service.name": name = AttributeText.Of(attribute.Value); break;
                case "service.namespace": space = AttributeText.Of(attribute.Value); break;
                case "service.instance.id": instance = AttributeText.Of(attribute.Value); break;
            }
        }
        if (!string.IsNullOrEmpty(name))
            labels.resource.Add(new("job", string.IsNullOrEmpty(space) ? name : space + "/" + name));
        if (!string.IsNullOrEmpty(instance))
            labels.resource.Add(new("instance", instance));
        if (scope is null)
            return labels;
        if (scope.Name.Length > 0)
            labels.scope.Add(new("otel_scope_name", scope.Name));
        if (scope.Version.Length > 0)
            labels.scope.Add(new("otel_scope_version", scope.Version));
        foreach (var attribute in scope.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
            labels.scope.Add(new("otel_scope_" + PrometheusNames.LabelKey(attribute.Key), AttributeText.Of(attribute.Value)));
        return labels;
    }

    /// <summary>
    /// The resource and scope labels as one text (each key and value with its length, so no two differ only in where the
    /// boundaries fall): with the metric name, what besides a point's attributes decides its labels (<see cref="KnownSeries.SeriesCache"/>).
    /// </summary>
    public string Signature => signature ??= Sign();

    private string Sign()
    {
        var text = new StringBuilder();
        foreach (var (key, value) in resource)
            text.Append(CultureInfo.InvariantCulture, $"{key.Length}:{key}{value.Length}:{value}");
        text.Append('|');
        foreach (var (key, value) in scope)
            text.Append(CultureInfo.InvariantCulture, $"{key.Length}:{key}{value.Length}:{value}");
        return text.ToString();
    }

    /// <summary>The scope's attribute count, which counts against <see cref="ReceiverOptions.MaxAttributesPerPoint"/>.</summary>
    public int ScopeCount => scope.Count;

    /// <summary>A point's labels, leaving <paramref name="reserved"/> places for <c>le</c> or <c>quantile</c>.</summary>
    public Dictionary<string, string> Build(IReadOnlyList<KeyValue> attributes, int reserved)
    {
        var limit = MetricLimits.MaxLabels - reserved;
        var labels = new Dictionary<string, string>(Math.Min(limit, resource.Count + attributes.Count + scope.Count) + reserved, StringComparer.Ordinal);
        foreach (var pair in resource)
            Add(labels, pair.Key, pair.Value, limit);
        if (attributes.Count > 0)
        {
            var sorted = sortBuffer is { } cached && cached.Length >= attributes.Count ? cached : sortBuffer = new KeyValue[Math.Max(attributes.Count, 32)];
            for (var i = 0; i < attributes.Count; i++)
                sorted[i] = attributes[i];
            Array.Sort(sorted, 0, attributes.Count, ByKey);
            for (var i = 0; i < attributes.Count && labels.Count < limit; i++)
                Add(labels, PrometheusNames.LabelKey(sorted[i].Key), AttributeText.Of(sorted[i].Value), limit);
            Array.Clear(sorted, 0, attributes.Count);
        }
        foreach (var pair in scope)
            Add(labels, pair.Key, pair.Value, limit);
        return labels;
    }

    /// <summary>
    /// A point's labels from its attributes already read as key and label text (<see cref="Wire.OtlpWireReader"/>), the same
    /// labels <see cref="Build(IReadOnlyList{KeyValue}, int)"/> makes of the parsed attributes. Sorts <paramref name="attributes"/> in place.
    /// </summary>
    public SeriesLabels Build(Span<KeyValuePair<string, string>> attributes, int reserved)
    {
        var limit = MetricLimits.MaxLabels - reserved;
        var labels = new SeriesLabels(Math.Min(limit, resource.Count + attributes.Length + scope.Count) + reserved);
        foreach (var pair in resource)
            Add(labels, pair.Key, pair.Value, limit);
        // The same sort as the parsed path's (same algorithm, same comparisons), so attributes whose keys collide keep the same winner.
        attributes.Sort(PairsByKey);
        for (var i = 0; i < attributes.Length && labels.Count < limit; i++)
            Add(labels, PrometheusNames.LabelKey(attributes[i].Key), attributes[i].Value, limit);
        foreach (var pair in scope)
            Add(labels, pair.Key, pair.Value, limit);
        return labels;
    }

    private static void Add(Dictionary<string, string> labels, string key, string value, int limit)
    {
        // An empty value is the same as no label (Prometheus semantics); an empty key cannot be stored.
        if (labels.Count < limit && key.Length > 0 && value.Length > 0)
            labels.TryAdd(key, value);
    }
}
