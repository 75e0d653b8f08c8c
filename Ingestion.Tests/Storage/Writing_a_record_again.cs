using Ingestion.Contracts;

namespace Ingestion.Tests.Storage;

/// <summary>
/// A record is its (timestamp, id): written again (a redelivery, a replay, another worker during a rebalance) it is one
/// row. A metric stamped at receipt (a retried request with an idempotency key and no timestamp, a replayed record without
/// times) may come back with a later stamp: within the idempotency window it is the same record too, whatever its id's
/// version. A metric that carries its own timestamp is another record at another time.
/// </summary>
public sealed class Writing_a_record_again
{
    private string connectionString = string.Empty;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        connectionString = await StorageServices.CreateMigratedDatabaseAsync("again");
    }

    /// <summary>An id as the API derives one from an idempotency key (RFC 9562 version 8).</summary>
    public static Guid KeyDerivedId()
    {
        var bytes = Guid.NewGuid().ToByteArray(bigEndian: true);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    [Test]
    public async Task Stores_a_record_once_when_it_comes_twice_in_one_window_and_again_in_the_next()
    {
        var records = Samples("again_windows", 50, Guid.CreateVersion7, DateTimeOffset.UtcNow.AddMinutes(-3));

        var first = await StorageServices.Writer(connectionString).WriteAsync([.. records, .. records.Take(20)], CancellationToken.None);
        var next = await StorageServices.Writer(connectionString).WriteAsync([.. records.Skip(10).Take(30)], CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That((first, next), Is.EqualTo((50, 0)));
            Assert.That(await CountAsync("again_windows"), Is.EqualTo(50));
            Assert.That(await RollupAudit.MismatchesAsync(connectionString), Is.EqualTo((0L, 0L)));
        });
    }

    [Test]
    public async Task Stores_a_record_once_when_four_writers_race_over_it()
    {
        var records = Samples("again_raced", 300, KeyDerivedId, DateTimeOffset.UtcNow.AddMinutes(-2));

        var inserted = await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() =>
            StorageServices.Writer(connectionString).WriteAsync([.. records.OrderBy(_ => Random.Shared.Next())], CancellationToken.None))));

        Assert.Multiple(async () =>
        {
            Assert.That(inserted.Sum(), Is.EqualTo(300));
            Assert.That(await CountAsync("again_raced"), Is.EqualTo(300));
            Assert.That(await RollupAudit.MismatchesAsync(connectionString), Is.EqualTo((0L, 0L)));
        });
    }

    [Test]
    public async Task Skips_a_restamped_retry_of_a_key_derived_id_within_the_window_and_stores_one_beyond_it()
    {
        var id = KeyDerivedId();
        var stamped = DateTimeOffset.UtcNow.AddDays(-3);
        MetricRecorded Attempt(DateTimeOffset at) => new() { Id = id, Name = "again_keyed", Value = 1, Timestamp = at, ReceivedAt = at };

        var first = await StorageServices.Writer(connectionString).WriteAsync([Attempt(stamped)], CancellationToken.None);
        var retry = await StorageServices.Writer(connectionString).WriteAsync([Attempt(stamped.AddMinutes(5))], CancellationToken.None);
        var dayLater = await StorageServices.Writer(connectionString).WriteAsync([Attempt(stamped.AddHours(25))], CancellationToken.None);

        Assert.That((first, retry, dayLater), Is.EqualTo((1, 0, 1)), "Storage:IdempotencyWindow is one day by default");
    }

    [Test]
    public async Task Skips_a_restamped_retry_of_a_uuidv7_id_within_the_window()
    {
        // A client whose Idempotency-Key (or item id) is itself a UUIDv7 and who leaves the timestamp to the server: its
        // retry after the first attempt was stored arrives stamped later, with the same id.
        var id = Guid.CreateVersion7();
        var stamped = DateTimeOffset.UtcNow.AddHours(-2);
        MetricRecorded Attempt(DateTimeOffset at) => new() { Id = id, Name = "again_v7_keyed", Value = 1, Timestamp = at, ReceivedAt = at };

        var first = await StorageServices.Writer(connectionString).WriteAsync([Attempt(stamped)], CancellationToken.None);
        var retry = await StorageServices.Writer(connectionString).WriteAsync([Attempt(stamped.AddMinutes(7))], CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That((first, retry), Is.EqualTo((1, 0)));
            Assert.That(await CountAsync("again_v7_keyed"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Stores_a_given_timestamp_at_another_time_as_another_record_whatever_the_id()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        var assigned = Guid.CreateVersion7();
        var keyed = KeyDerivedId();
        MetricRecorded Sample(Guid id, DateTimeOffset timestamp, DateTimeOffset received) =>
            new() { Id = id, Name = "again_other", Value = 2, Timestamp = timestamp, ReceivedAt = received };

        var first = await StorageServices.Writer(connectionString).WriteAsync(
            [Sample(assigned, at, at.AddSeconds(1)), Sample(keyed, at, at.AddSeconds(1))], CancellationToken.None);
        var later = await StorageServices.Writer(connectionString).WriteAsync(
            [Sample(assigned, at.AddSeconds(1), at.AddSeconds(2)), Sample(keyed, at.AddSeconds(1), at.AddSeconds(2))], CancellationToken.None);

        Assert.That((first, later), Is.EqualTo((2, 2)), "no row was stamped at receipt: each carried its own timestamp");
    }

    private static MetricRecorded[] Samples(string name, int count, Func<Guid> newId, DateTimeOffset start) =>
    [
        .. Enumerable.Range(0, count).Select(i => new MetricRecorded
        {
            Id = newId(), Name = name, Value = i, Timestamp = start.AddMilliseconds(i * 10), ReceivedAt = start.AddMilliseconds(i * 10),
            Labels = new Dictionary<string, string> { ["host"] = $"h{i % 3}" },
        }),
    ];

    private async Task<int> CountAsync(string name) => int.Parse(
        (await The_metrics_database_migration.QueryAsync(connectionString,
            $"SELECT count(*)::text FROM metrics_with_series WHERE name = '{name}'")).Single(), System.Globalization.CultureInfo.InvariantCulture);
}
