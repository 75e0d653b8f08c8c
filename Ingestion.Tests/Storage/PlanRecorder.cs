using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Ingestion.Tests.Storage;

/// <summary>
/// Before the writer's raw insert runs, asks PostgreSQL for the plan of exactly that statement (same text, same
/// parameters, same connection), with nested loops disabled: the planner then shows whatever it would pick when it
/// believes a join over the whole partition is cheaper than a probe per row.
/// </summary>
internal sealed class PlanRecorder : DbCommandInterceptor
{
    public ConcurrentQueue<string> Plans { get; } = new();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("INSERT INTO metrics", StringComparison.Ordinal))
        {
            var connection = (NpgsqlConnection)command.Connection!;
            await using (var off = new NpgsqlCommand("SET enable_nestloop = off", connection))
                await off.ExecuteNonQueryAsync(cancellationToken);
            await using var explain = new NpgsqlCommand("EXPLAIN " + command.CommandText, connection);
            foreach (NpgsqlParameter parameter in command.Parameters)
                explain.Parameters.Add(parameter.Clone());
            var lines = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                    lines.Add(reader.GetString(0));
            }
            Plans.Enqueue(string.Join('\n', lines));
            await using var reset = new NpgsqlCommand("RESET enable_nestloop", connection);
            await reset.ExecuteNonQueryAsync(cancellationToken);
        }
        return await base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
