using Ingestion.Contracts;

namespace Ingestion.Api.Parsing;

/// <summary>Items of one batch that name the same id would be one row: which value wins would be arbitrary, so it is an error.</summary>
internal static class BatchIds
{
    /// <summary>Records <c>[i].id</c> for every item whose id an earlier item already has (two spellings of one GUID included).</summary>
    public static void RejectRepeated(List<MetricRecorded> messages, List<MetricInput>? inputs, FieldErrors errors)
    {
        if (inputs is null)
            return;
        HashSet<Guid>? seen = null;
        for (var i = 0; i < messages.Count; i++)
        {
            if (inputs[i].Id is null)
                continue;
            seen ??= [];
            if (!seen.Add(messages[i].Id!.Value))
                errors.Add(MetricObjectReader.Field(i, "id"), "another item of this batch has the same id; each item's id must be unique.");
        }
    }
}
