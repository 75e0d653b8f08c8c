using System.Collections.Concurrent;
using Ingestion.Contracts;
using Ingestion.Storage.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Storage.Writing;

/// <summary>
/// Series ids by name and labels, remembered per process: a series is created once and never deleted (retention drops
/// samples and rollups, not series), so after its first batch a series costs the writer no round trip. A known series
/// costs a hash of its name and labels and nothing else (no JSON, no key string): see <see cref="SeriesKey"/>.
/// </summary>
internal sealed class SeriesIds
{
    private const int MaxRemembered = 1_000_000;
    private const int MaxAttempts = 3;
    private readonly ConcurrentDictionary<SeriesKey, int> known = new(SeriesKeyComparer.Instance);

    /// <summary>Fills <paramref name="ids"/> with the series id of each metric, creating the series that do not exist.</summary>
    public async Task ResolveAsync(DbContext context, IReadOnlyList<MetricRecorded> metrics, int[] ids, CancellationToken cancellationToken)
    {
        var lookup = known.GetAlternateLookup<MetricRecorded>();
        Dictionary<SeriesKey, List<int>>? missing = null;
        for (var i = 0; i < metrics.Count; i++)
        {
            if (lookup.TryGetValue(metrics[i], out var id))
            {
                ids[i] = id;
                continue;
            }
            missing ??= new Dictionary<SeriesKey, List<int>>(SeriesKeyComparer.Instance);
            var key = SeriesKey.From(metrics[i]);
            if (missing.TryGetValue(key, out var positions))
                positions.Add(i);
            else
                missing[key] = [i];
        }
        for (var attempt = 1; missing is { Count: > 0 }; attempt++)
        {
            if (attempt > MaxAttempts)
                throw new InvalidOperationException($"Could not resolve {missing.Count} series after {MaxAttempts} attempts (first: {missing.Keys.First().Name}).");
            var pending = missing.Keys.ToArray();
            var rows = await context.Database.SqlQueryRaw<SeriesRow>(
                WriterSql.ResolveSeries,
                new NpgsqlParameter<string[]>("names", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. pending.Select(k => k.Name)] },
                new NpgsqlParameter<string[]>("labels", NpgsqlDbType.Array | NpgsqlDbType.Text)
                {
                    TypedValue = [.. pending.Select(k => LabelsJson.Serialize(metrics[missing[k][0]].Labels))],
                })
                .ToListAsync(cancellationToken);
            if (known.Count > MaxRemembered)
                known.Clear();
            foreach (var row in rows.Where(r => r.SeriesId is not null))
            {
                var key = pending[row.Position - 1];
                known[key] = row.SeriesId!.Value;
                foreach (var position in missing[key])
                    ids[position] = row.SeriesId.Value;
                missing.Remove(key);
            }
        }
    }

    private sealed record SeriesRow(int Position, int? SeriesId);
}
