using Ingestion.Contracts;
using Ingestion.Storage;
using Ingestion.Storage.Migrating;
using Ingestion.Storage.Queries;
using Ingestion.Storage.Writing;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingestion.Tests.Storage;

/// <summary>Issue 19 item 4: legal values at the ends of a double's range never break an aggregate.</summary>
public sealed class Aggregating_extreme_values
{
    private static readonly DateTimeOffset Start = new(DateTimeOffset.UtcNow.Date, TimeSpan.Zero);
    private QueryDataSource dataSource = null!;
    private MetricQueries queries = null!;

    [OneTimeSetUp]
    public async Task Store_extreme_values()
    {
        var connectionString = await TestInfrastructure.CreateDatabaseAsync("extreme_queries");
        await using var services = StorageServices.For(connectionString);
        await services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        // Minute 0: 1e200 and -1e200 (the repro). Minute 1: two maxima, whose sum exceeds a double.
        // Minute 2: the smallest subnormals.
        (int Minute, double Value)[] samples =
        [
            (0, 1e200), (0, -1e200), (1, double.MaxValue), (1, double.MaxValue), (2, double.Epsilon), (2, -double.Epsilon), (2, double.Epsilon),
        ];
        await services.GetRequiredService<MetricWriter>().WriteAsync(
            [.. samples.Select(s => new MetricRecorded { Id = Guid.NewGuid(), Name = "ovf", Value = s.Value, Timestamp = Start.AddMinutes(s.Minute).AddSeconds(1) })],
            CancellationToken.None);
        dataSource = new QueryDataSource(connectionString, Options.Create(new StorageOptions()));
        queries = new MetricQueries(dataSource, Options.Create(new StorageOptions()));
    }

    [OneTimeTearDown]
    public async Task Close() => await dataSource.DisposeAsync();

    [TestCaseSource(nameof(Resolutions))]
    public async Task Answers_every_function_with_a_null_only_where_a_sum_exceeds_a_double(AggregateResolution resolution)
    {
        var functions = new[] { "count", "sum", "avg", "min", "max" }.Select(n => { AggregateFunction.TryParse(n, out var f); return f!; }).ToList();
        var query = new AggregateQuery("ovf", Start, Start.AddMinutes(3), TimeSpan.FromMinutes(1), new Dictionary<string, string>(), functions);

        var answer = await queries.AggregateAsync(query, resolution, CancellationToken.None);

        Assert.That(answer.Windows.Select(w => w.Values), Is.EqualTo(new[]
        {
            new double?[] { 2, 0, 0, -1e200, 1e200 },
            [2, null, double.MaxValue, double.MaxValue, double.MaxValue],
            [3, double.Epsilon, double.Epsilon / 3 > 0 ? double.Epsilon / 3 : 0, -double.Epsilon, double.Epsilon],
        }));
    }

    [Test]
    public async Task Computes_only_the_requested_function()
    {
        AggregateFunction.TryParse("count", out var count);
        var query = new AggregateQuery("ovf", Start, Start.AddMinutes(3), TimeSpan.FromHours(1), new Dictionary<string, string>(), [count!]);

        var answer = await queries.AggregateAsync(query, AggregateResolution.Raw, CancellationToken.None);

        Assert.That(answer.Windows.Single().Values, Is.EqualTo(new double?[] { 7 }));
    }

    private static IEnumerable<AggregateResolution> Resolutions() => [AggregateResolution.Raw, AggregateResolution.Minute];
}
