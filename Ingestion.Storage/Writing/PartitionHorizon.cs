using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Storage.Writing;

/// <summary>
/// Makes sure the day partitions a batch writes to exist before the insert, remembering the days already ensured by this
/// process, so the check costs a round trip only on the first batch of a new day. The retention job also creates
/// partitions ahead of time; this keeps the writer correct if that job has not run yet.
/// </summary>
internal sealed class PartitionHorizon
{
    private readonly ConcurrentDictionary<long, bool> ensuredDays = new();

    public async Task EnsureAsync(DbContext context, DateTime[] timestamps, CancellationToken cancellationToken)
    {
        var first = timestamps.Min();
        var last = timestamps.Max();
        var firstDay = DayOf(first);
        var lastDay = DayOf(last);
        var missing = false;
        for (var day = firstDay; day <= lastDay && !missing; day++)
            missing = !ensuredDays.ContainsKey(day);
        if (!missing)
            return;

        await context.Database.SqlQueryRaw<int>(
            WriterSql.EnsurePartitions,
            new NpgsqlParameter<DateTime>("first", NpgsqlDbType.TimestampTz) { TypedValue = first },
            new NpgsqlParameter<DateTime>("last", NpgsqlDbType.TimestampTz) { TypedValue = last })
            .ToListAsync(cancellationToken);
        for (var day = firstDay; day <= lastDay; day++)
            ensuredDays[day] = true;
    }

    /// <summary>Forgets what was ensured (after the retention job dropped partitions, or in tests).</summary>
    public void Forget() => ensuredDays.Clear();

    private static long DayOf(DateTime utc) => (long)Math.Floor((utc - DateTime.UnixEpoch).TotalDays);
}
