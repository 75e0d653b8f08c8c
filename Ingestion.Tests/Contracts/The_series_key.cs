using Ingestion.Contracts;

namespace Ingestion.Tests.Contracts;

[TestFixture]
public sealed class The_series_key
{
    [Test]
    public void Is_the_name_alone_without_labels() =>
        Assert.That(SeriesKey.For(new MetricRecorded { Name = "up" }), Is.EqualTo("up"));

    [Test]
    public void Sorts_labels_so_the_same_series_always_gets_the_same_key()
    {
        var a = new MetricRecorded { Name = "cpu", Labels = new Dictionary<string, string> { ["region"] = "eu", ["host"] = "a" } };
        var b = new MetricRecorded { Name = "cpu", Labels = new Dictionary<string, string> { ["host"] = "a", ["region"] = "eu" } };
        Assert.Multiple(() =>
        {
            Assert.That(SeriesKey.For(a), Is.EqualTo("cpu{host=a,region=eu}"));
            Assert.That(SeriesKey.For(b), Is.EqualTo(SeriesKey.For(a)));
        });
    }

    [Test]
    public void Writes_every_label_in_ordinal_key_order()
    {
        var labels = Enumerable.Range(0, 32).Select(i => ($"{(char)('a' + (i * 7 % 26))}{(i % 2 == 0 ? "K" : "k")}{i}", $"v{i}"))
            .ToDictionary(p => p.Item1, p => p.Item2);
        var expected = "m{" + string.Join(',', labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")) + "}";

        Assert.That(SeriesKey.For(new MetricRecorded { Name = "m", Labels = labels }), Is.EqualTo(expected));
    }
}
