using Ingestion.Contracts;
using Ingestion.Storage;
using Ingestion.Storage.Migrating;
using Ingestion.Storage.Writing;
using Ingestion.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Storage;

/// <summary>
/// The writer remembers series ids by name and label pairs without serialising labels per metric: label sets that differ
/// only in case are different series, the same pairs in another order are one, and a known series costs no round trip.
/// </summary>
public sealed class Resolving_series
{
    private string connectionString = string.Empty;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        connectionString = await StorageServices.CreateMigratedDatabaseAsync("series");
    }

    [Test]
    public async Task Tells_label_sets_apart_by_exact_pairs_and_not_by_their_order_or_by_the_dictionarys_comparer()
    {
        var counter = new CommandCounter();
        var writer = StorageServices.Writer(connectionString, counter);
        var lower = new Dictionary<string, string> { ["host"] = "a", ["region"] = "eu" };
        var reordered = new Dictionary<string, string> { ["region"] = "eu", ["host"] = "a" };
        var upper = new Dictionary<string, string> { ["Host"] = "a", ["region"] = "eu" };
        var ignoringCase = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["host"] = "a", ["region"] = "eu" };
        var otherValue = new Dictionary<string, string> { ["host"] = "A", ["region"] = "eu" };

        await writer.WriteAsync([Sample(lower), Sample(upper), Sample(null)], CancellationToken.None);
        await writer.WriteAsync([Sample(lower), Sample(upper), Sample(null)], CancellationToken.None);
        var resolvesForKnownSeries = counter.Commands.Count(c => c.Contains("INSERT INTO series", StringComparison.Ordinal));
        await writer.WriteAsync([Sample(reordered), Sample(ignoringCase), Sample(otherValue), Sample(new Dictionary<string, string>())], CancellationToken.None);

        var series = await The_metrics_database_migration.QueryAsync(connectionString,
            """
            SELECT line FROM (
                SELECT labels::text || ' ' || (SELECT count(*) FROM metrics m WHERE m.series_id = s.id) AS line FROM series s WHERE name = 'resolved') l
            ORDER BY line COLLATE "C"
            """);
        Assert.Multiple(() =>
        {
            Assert.That(resolvesForKnownSeries, Is.EqualTo(1), "the second batch's series were all known");
            Assert.That(series, Is.EqualTo(new[]
            {
                """{"Host": "a", "region": "eu"} 2""",
                """{"host": "A", "region": "eu"} 1""",
                """{"host": "a", "region": "eu"} 4""",
                "{} 3",
            }));
        });
    }

    private static MetricRecorded Sample(IReadOnlyDictionary<string, string>? labels) => new()
    {
        Id = Guid.CreateVersion7(), Name = "resolved", Value = 1, Timestamp = DateTimeOffset.UtcNow, ReceivedAt = DateTimeOffset.UtcNow, Labels = labels,
    };
}
