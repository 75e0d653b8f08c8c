using Ingestion.Api.Model;
using Ingestion.Api.Parsing;
using Ingestion.Storage.Queries;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Ingestion.Api.Apis;

/// <summary>GET handlers over PostgreSQL. A database outage answers 503 and never touches ingestion.</summary>
internal static class QueryEndpoints
{
    private const int DefaultLimit = 100;
    private static readonly TimeSpan DefaultAggregateRange = TimeSpan.FromHours(1);
    private const int MaxWindows = 10_000;
    private const int MaxValues = 10_000;

    /// <summary>The response header naming the resolution an aggregate came from (<c>1h</c>, <c>1m</c> or <c>raw</c>).</summary>
    public const string ResolutionHeader = "X-Aggregate-Resolution";

    public static async Task<Results<Ok<MetricPage>, ValidationProblem, ProblemHttpResult>> GetMetrics(
        HttpContext context,
        string? name,
        string? from,
        string? to,
        [FromQuery(Name = "label")] string[]? labels,
        string? limit,
        string? cursor,
        [AsParameters] QueryServices services)
    {
        var errors = new FieldErrors();
        var fromTime = QueryParameters.Time(from, "from", errors);
        var toTime = QueryParameters.Time(to, "to", errors);
        if (fromTime > toTime)
            errors.Add("from", "from must not be after to.");
        var labelFilter = QueryParameters.Labels(labels, errors);
        var pageSize = QueryParameters.Limit(limit, DefaultLimit, MetricQueries.MaxLimit, errors);
        MetricCursor? after = null;
        if (cursor is not null && !MetricCursor.TryDecode(cursor, out after))
            errors.Add("cursor", "cursor must be a nextCursor value returned by this endpoint.");
        name = QueryParameters.Text(name, "name", errors);
        if (errors.Any)
            return ApiProblems.Invalid(errors);

        try
        {
            var page = await services.Queries.ListAsync(
                new MetricFilter(name, fromTime, toTime, labelFilter, pageSize, after), context.RequestAborted);
            var items = page.Items.Select(m => new MetricView(m.Id, m.Name, m.Value, m.Timestamp, m.Labels, m.ReceivedAt, m.IngestedAt)).ToList();
            return TypedResults.Ok(new MetricPage(items, page.Next?.Encode()));
        }
        catch (Exception exception) when (IsStoreUnavailable(exception, context))
        {
            return StoreUnavailable(context, services, exception);
        }
    }

    public static async Task<Results<Ok<AggregateResult>, ValidationProblem, ProblemHttpResult>> GetAggregate(
        HttpContext context,
        string name,
        string? from,
        string? to,
        string? window,
        string? fn,
        [FromQuery(Name = "label")] string[]? labels,
        [AsParameters] QueryServices services)
    {
        var errors = new FieldErrors();
        var size = QueryParameters.Window(window, errors);
        // Without "to", the range ends at the next whole minute (or hour), so the default last hour is answered from rollups.
        var toTime = QueryParameters.Time(to, "to", errors) ?? EndOfWindow(services.Clock.GetUtcNow(), size);
        var fromTime = QueryParameters.Time(from, "from", errors) ?? toTime - DefaultAggregateRange;
        if (fromTime >= toTime)
            errors.Add("from", "from must be before to.");
        if (size is { } w && !errors.Any && (toTime - fromTime) / w > MaxWindows)
            errors.Add("window", $"the range holds more than {MaxWindows} windows; use a larger window or a shorter range.");
        var functions = new List<AggregateFunction>();
        foreach (var text in (fn ?? "avg,min,max,count").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (AggregateFunction.TryParse(text, out var function))
            {
                if (!functions.Exists(f => f.Name == function!.Name))
                    functions.Add(function!);
            }
            else
            {
                errors.Add("fn", $"'{text}' is not a function; use avg, min, max, sum, count or a percentile p1..p99 (p95).");
            }
        }
        if (functions.Count == 0 && !errors.Has("fn"))
            errors.Add("fn", "name at least one function.");
        if (size is { } span && !errors.Any && (toTime - fromTime) / span * functions.Count > MaxValues)
            errors.Add("fn", $"windows x functions exceeds {MaxValues}; ask fewer functions, a larger window or a shorter range.");
        var labelFilter = QueryParameters.Labels(labels, errors);
        QueryParameters.Text(name, "name", errors);
        if (errors.Any || size is null)
            return ApiProblems.Invalid(errors);

        try
        {
            var answer = await services.Queries.AggregateAsync(
                new AggregateQuery(name, fromTime, toTime, size.Value, labelFilter, functions), context.RequestAborted);
            var windows = answer.Windows.Select(r => new AggregateWindowView(r.Start, r.Start + size.Value,
                functions.Select((f, i) => (f.Name, r.Values[i])).ToDictionary(v => v.Name, v => v.Item2))).ToList();
            context.Response.Headers[ResolutionHeader] = answer.Resolution.Name;
            return TypedResults.Ok(new AggregateResult(name, fromTime, toTime, window ?? "1m", functions.ConvertAll(f => f.Name), windows, answer.Resolution.Name));
        }
        catch (QueryTooExpensiveException exception)
        {
            return ApiProblems.TooExpensive(exception.Message);
        }
        catch (Exception exception) when (IsStoreUnavailable(exception, context))
        {
            return StoreUnavailable(context, services, exception);
        }
    }

    /// <summary>
    /// The default end of an aggregate's range: now, rounded up to the whole hour or minute the window is made of, so the
    /// default last hour is answered from rollups. The rounding adds only time that holds no samples yet.
    /// </summary>
    private static DateTimeOffset EndOfWindow(DateTimeOffset now, TimeSpan? window)
    {
        var unit = window switch
        {
            { } w when w.Ticks % TimeSpan.TicksPerHour == 0 => TimeSpan.TicksPerHour,
            { } w when w.Ticks % TimeSpan.TicksPerMinute == 0 => TimeSpan.TicksPerMinute,
            _ => 0,
        };
        if (unit == 0)
            return now;
        var remainder = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) % unit;
        return remainder == 0 ? now : now.AddTicks(unit - remainder);
    }

    internal static bool IsStoreUnavailable(Exception exception, HttpContext context) =>
        !context.RequestAborted.IsCancellationRequested
        && exception switch
        {
            // A server-side error (bad SQL, constraint) is a bug and stays a 500; only lost connections are outages.
            // 57014: the statement_timeout of the queries' pool (Storage:QueryTimeout) cancelled it.
            PostgresException postgres => postgres.IsTransient || postgres.SqlState == PostgresErrorCodes.QueryCanceled,
            NpgsqlException or TimeoutException or System.Net.Sockets.SocketException => true,
            _ => false,
        };

    internal static ProblemHttpResult StoreUnavailable(HttpContext context, QueryServices services, Exception exception)
    {
        Log.QueryStoreUnavailable(services.Logger, exception);
        if (exception is PostgresException { SqlState: PostgresErrorCodes.QueryCanceled })
        {
            return ApiProblems.Unavailable(context, TimeSpan.FromSeconds(5), "The query took too long.",
                "The query ran longer than the query time limit and was cancelled; narrow the range or labels, or use windows of whole minutes or hours.");
        }
        return ApiProblems.Unavailable(context, TimeSpan.FromSeconds(5), "The metrics store is unavailable.",
            "PostgreSQL did not answer the query (or every query connection was busy); ingestion is unaffected. Retry after the indicated delay.");
    }
}
