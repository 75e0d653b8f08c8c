using Ingestion.Contracts;
using Ingestion.Storage;
using Ingestion.Storage.Migrating;
using Ingestion.Storage.Queries;
using Ingestion.Storage.Writing;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingestion.Tests.Storage;

/// <summary>Every function answered from rollups equals the same query over raw rows.</summary>
public sealed class Aggregating_from_rollups
{
    private static readonly DateTimeOffset Start = new(DateTimeOffset.UtcNow.Date.AddDays(-1), TimeSpan.Zero);
    private static readonly AggregateFunction[] Plain = [.. new[] { "count", "sum", "min", "max", "avg" }.Select(Parse)];
    private QueryDataSource dataSource = null!;
    private MetricQueries queries = null!;

    [OneTimeSetUp]
    public async Task Store_samples_of_several_series()
    {
        var connectionString = await TestInfrastructure.CreateDatabaseAsync("rollup_queries");
        await using var services = StorageServices.For(connectionString);
        await services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        // 6 series (3 hosts x 2 regions) over 30 hours, irregular times; values that sum exactly in binary and decimal.
        var random = new Random(15);
        var samples = Enumerable.Range(0, 6000).Select(i => new MetricRecorded
        {
            Id = Guid.NewGuid(),
            Name = "latency",
            Value = random.Next(-4000, 40000) * 0.125,
            Timestamp = Start.AddSeconds(random.Next(0, 30 * 3600)),
            Labels = new Dictionary<string, string> { ["host"] = $"h{i % 3}", ["region"] = i % 2 == 0 ? "eu" : "us" },
        }).ToList();
        var writer = services.GetRequiredService<MetricWriter>();
        foreach (var chunk in samples.Chunk(700))
            await writer.WriteAsync(chunk, CancellationToken.None);
        dataSource = new QueryDataSource(connectionString, Options.Create(new StorageOptions()));
        queries = new MetricQueries(dataSource, Options.Create(new StorageOptions()));
    }

    [OneTimeTearDown]
    public async Task Close() => await dataSource.DisposeAsync();

    [TestCase("00:01:00", 0, 180)]
    [TestCase("00:05:00", 60, 600)]
    [TestCase("01:00:00", 0, 1800)]
    [TestCase("03:00:00", 120, 1800)]
    [TestCase("1.00:00:00", 0, 1800)]
    public async Task Gives_the_same_count_sum_min_max_and_avg_as_raw_rows(string window, int fromMinute, int toMinute)
    {
        foreach (var labels in new[] { new Dictionary<string, string>(), new() { ["host"] = "h1" }, new() { ["host"] = "h2", ["region"] = "us" } })
        {
            var query = new AggregateQuery("latency", Start.AddMinutes(fromMinute), Start.AddMinutes(toMinute), TimeSpan.Parse(window, System.Globalization.CultureInfo.InvariantCulture), labels, Plain);
            var raw = await queries.AggregateAsync(query, AggregateResolution.Raw, CancellationToken.None);
            var minute = await queries.AggregateAsync(query, AggregateResolution.Minute, CancellationToken.None);
            var best = await queries.AggregateAsync(query, CancellationToken.None);

            Assert.That(raw.Windows, Is.Not.Empty);
            Assert.That(Flatten(minute), Is.EqualTo(Flatten(raw)), $"1m rollups, window {window}, labels {labels.Count}");
            Assert.That(Flatten(best), Is.EqualTo(Flatten(raw)), $"{best.Resolution.Name}, window {window}, labels {labels.Count}");
            Assert.That(best.Resolution, Is.EqualTo(fromMinute % 60 == 0 && toMinute % 60 == 0 && window != "00:01:00" && window != "00:05:00"
                ? AggregateResolution.Hour : AggregateResolution.Minute));
        }
    }

    [Test]
    public async Task Falls_back_to_raw_rows_for_unaligned_ranges_odd_windows_and_percentiles()
    {
        var unaligned = new AggregateQuery("latency", Start.AddSeconds(30), Start.AddHours(2), TimeSpan.FromMinutes(1), new Dictionary<string, string>(), Plain);
        var oddWindow = unaligned with { From = Start, Window = TimeSpan.FromSeconds(90) };
        var percentile = unaligned with { From = Start, Functions = [Parse("p95")] };

        Assert.Multiple(async () =>
        {
            Assert.That((await queries.AggregateAsync(unaligned, CancellationToken.None)).Resolution, Is.EqualTo(AggregateResolution.Raw));
            Assert.That((await queries.AggregateAsync(oddWindow, CancellationToken.None)).Resolution, Is.EqualTo(AggregateResolution.Raw));
            Assert.That((await queries.AggregateAsync(percentile, CancellationToken.None)).Resolution, Is.EqualTo(AggregateResolution.Raw));
        });
    }

    private static List<string> Flatten(AggregateAnswer answer) =>
        [.. answer.Windows.Select(w => $"{w.Start:o} {string.Join(' ', w.Values.Select(v => v?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "null"))}")];

    private static AggregateFunction Parse(string name)
    {
        AggregateFunction.TryParse(name, out var function);
        return function!;
    }
}
