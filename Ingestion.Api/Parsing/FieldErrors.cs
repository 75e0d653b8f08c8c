namespace Ingestion.Api.Parsing;

/// <summary>Bad fields of a request, keyed like the body (<c>value</c>, <c>labels.host</c>, <c>[3].name</c>).</summary>
internal sealed class FieldErrors
{
    /// <summary>Enough for a client to fix a batch; a body with more is certainly generated wrong.</summary>
    public const int MaxReported = 500;

    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);
    private int count;

    public bool Any => count > 0;

    public bool IsFull => count >= MaxReported;

    public bool Has(string field) => errors.ContainsKey(field);

    public void Add(string field, string message)
    {
        count++;
        if (count > MaxReported)
            return;
        if (!errors.TryGetValue(field, out var list))
            errors[field] = list = [];
        list.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary()
    {
        var result = errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        if (count > MaxReported)
            result["$"] = [$"{count} problems were found; only the first {MaxReported} are listed."];
        return result;
    }
}
