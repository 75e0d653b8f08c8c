using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Storage.Queries;

/// <summary>
/// The API's own small pool for queries, apart from everything else: at most <see cref="StorageOptions.QueryMaxConnections"/>
/// connections, each with a server-side <c>statement_timeout</c>. However many queries arrive, they hold no more of
/// PostgreSQL than that, so they cannot starve the workers' writes; a query that finds no free connection within
/// <see cref="StorageOptions.QueryConnectionWait"/> fails (the API answers 503).
/// </summary>
public sealed class QueryDataSource : IAsyncDisposable
{
    public QueryDataSource(string connectionString, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var builder = new NpgsqlDataSourceBuilder(connectionString) { Name = "ingestion-queries" };
        builder.ConnectionStringBuilder.MaxPoolSize = settings.QueryMaxConnections;
        builder.ConnectionStringBuilder.MinPoolSize = 0;
        builder.ConnectionStringBuilder.Timeout = Math.Max(1, (int)Math.Ceiling(settings.QueryConnectionWait.TotalSeconds));
        builder.ConnectionStringBuilder.CommandTimeout = (int)Math.Ceiling(settings.QueryTimeout.TotalSeconds) + 5;
        builder.ConnectionStringBuilder.ApplicationName = ApplicationName;
        var timeout = ((long)settings.QueryTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        builder.ConnectionStringBuilder.Options = $"{builder.ConnectionStringBuilder.Options} -c statement_timeout={timeout}".Trim();
        DataSource = builder.Build();
    }

    /// <summary>The <c>application_name</c> of these connections, as <c>pg_stat_activity</c> shows it.</summary>
    public const string ApplicationName = "ingestion-api-queries";

    public NpgsqlDataSource DataSource { get; }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
