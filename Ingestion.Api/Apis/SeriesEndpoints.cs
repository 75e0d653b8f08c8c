using System.Globalization;
using Ingestion.Api.Model;
using Ingestion.Api.Parsing;
using Ingestion.Storage.Queries;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ingestion.Api.Apis;

/// <summary>GET handler of <c>/api/v1/series</c> over table <c>series</c> (one row per name and label set).</summary>
internal static class SeriesEndpoints
{
    private const int DefaultLimit = 100;

    public static async Task<Results<Ok<SeriesList>, ValidationProblem, ProblemHttpResult>> GetSeries(
        HttpContext context,
        string? name,
        [FromQuery(Name = "label")] string[]? labels,
        string? limit,
        string? cursor,
        SeriesQueries queries,
        [AsParameters] QueryServices services)
    {
        var errors = new FieldErrors();
        var labelFilter = QueryParameters.Labels(labels, errors);
        var pageSize = QueryParameters.Limit(limit, DefaultLimit, SeriesQueries.MaxLimit, errors);
        int? after = null;
        if (cursor is not null)
        {
            if (int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                after = id;
            else
                errors.Add("cursor", "cursor must be a nextCursor value returned by this endpoint.");
        }
        if (errors.Any)
            return ApiProblems.Invalid(errors);

        try
        {
            var page = await queries.ListAsync(new SeriesFilter(name is { Length: > 0 } ? name : null, labelFilter, pageSize, after), context.RequestAborted);
            return TypedResults.Ok(new SeriesList(
                page.Items.Select(s => new SeriesView(s.Name, s.Labels)).ToList(),
                page.Next?.ToString(CultureInfo.InvariantCulture)));
        }
        catch (Exception exception) when (QueryEndpoints.IsStoreUnavailable(exception, context))
        {
            return QueryEndpoints.StoreUnavailable(context, services, exception);
        }
    }
}
