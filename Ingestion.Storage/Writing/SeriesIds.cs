using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Storage.Writing;

/// <summary>
/// Series ids by name and labels, remembered per process: a series is created once and never deleted (retention drops
/// samples and rollups, not series), so after its first batch a series costs the writer no round trip.
/// </summary>
internal sealed class SeriesIds
{
    private const int MaxRemembered = 1_000_000;
    private const int MaxAttempts = 3;
    private readonly ConcurrentDictionary<string, int> known = new(StringComparer.Ordinal);

    /// <summary>Fills <paramref name="ids"/> with the series id of each row, creating the series that do not exist.</summary>
    public async Task ResolveAsync(DbContext context, string[] names, string[] labels, int[] ids, CancellationToken cancellationToken)
    {
        var missing = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            var key = Key(names[i], labels[i]);
            if (known.TryGetValue(key, out var id))
                ids[i] = id;
            else if (missing.TryGetValue(key, out var positions))
                positions.Add(i);
            else
                missing[key] = [i];
        }
        for (var attempt = 1; missing.Count > 0; attempt++)
        {
            if (attempt > MaxAttempts)
                throw new InvalidOperationException($"Could not resolve {missing.Count} series after {MaxAttempts} attempts (first: {missing.Keys.First()}).");
            var pending = missing.Values.Select(p => p[0]).ToArray();
            var rows = await context.Database.SqlQueryRaw<SeriesRow>(
                WriterSql.ResolveSeries,
                new NpgsqlParameter<string[]>("names", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. pending.Select(p => names[p])] },
                new NpgsqlParameter<string[]>("labels", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. pending.Select(p => labels[p])] })
                .ToListAsync(cancellationToken);
            if (known.Count > MaxRemembered)
                known.Clear();
            foreach (var row in rows.Where(r => r.SeriesId is not null))
            {
                var first = pending[row.Position - 1];
                var key = Key(names[first], labels[first]);
                known[key] = row.SeriesId!.Value;
                foreach (var position in missing[key])
                    ids[position] = row.SeriesId.Value;
                missing.Remove(key);
            }
        }
    }

    private static string Key(string name, string labels) => string.Concat(name, "\u0001", labels);

    private sealed record SeriesRow(int Position, int? SeriesId);
}
