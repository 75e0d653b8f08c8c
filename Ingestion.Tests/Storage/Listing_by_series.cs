using Ingestion.Contracts;
using Ingestion.Storage;
using Ingestion.Storage.Migrating;
using Ingestion.Storage.Queries;
using Ingestion.Storage.Writing;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingestion.Tests.Storage;

/// <summary>
/// Filtered listings resolve series first and read raw rows by series id: every matching row once, newest first (ties
/// on the timestamp by id), with the names and labels of their series, across pages.
/// </summary>
public sealed class Listing_by_series
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddHours(-2);

    [Test]
    public async Task Pages_through_a_label_filter_over_many_series_newest_first_each_row_once()
    {
        var connectionString = await TestInfrastructure.CreateDatabaseAsync("listing_series");
        await using var services = StorageServices.For(connectionString);
        await services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        // 40 series (4 names x 10 hosts); rows come in pairs with the same timestamp, so ties are ordered by id.
        var metrics = Enumerable.Range(0, 800).Select(i => new MetricRecorded
        {
            Id = Guid.NewGuid(),
            Name = $"listed_{i % 4}",
            Value = i,
            Timestamp = Start.AddSeconds(i / 2),
            Labels = new Dictionary<string, string> { ["host"] = $"h{i % 10}", ["zone"] = i % 20 < 10 ? "a" : "b" },
        }).ToList();
        await services.GetRequiredService<MetricWriter>().WriteAsync(metrics, CancellationToken.None);
        var options = Options.Create(new StorageOptions());
        await using var pool = new QueryDataSource(connectionString, options);
        var queries = new MetricQueries(pool, options);
        var labels = new Dictionary<string, string> { ["zone"] = "b" };

        var listed = new List<StoredMetric>();
        MetricCursor? after = null;
        do
        {
            var page = await queries.ListAsync(new MetricFilter(null, null, null, labels, 37, after), CancellationToken.None);
            listed.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);
        var byName = await queries.ListAsync(new MetricFilter("listed_1", null, null, labels, 1000, null), CancellationToken.None);

        var expected = metrics.Where(m => m.Labels!["zone"] == "b")
            .OrderByDescending(m => m.Timestamp).ThenByDescending(m => m.Id.GetValueOrDefault().ToString(), StringComparer.Ordinal).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(listed.Select(m => m.Id), Is.EqualTo(expected.Select(m => m.Id!.Value)));
            Assert.That(listed.Select(m => (m.Name, m.Labels["host"], m.Value)), Is.EqualTo(expected.Select(m => (m.Name, m.Labels!["host"], m.Value))));
            Assert.That(byName.Items.Select(m => m.Id), Is.EqualTo(expected.Where(m => m.Name == "listed_1").Select(m => m.Id!.Value)));
            Assert.That(byName.Next, Is.Null);
        });
    }
}
