using Ingestion.Contracts;

namespace Ingestion.Tests.Contracts;

[TestFixture]
public sealed class The_metric_validator
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static MetricRecorded Valid => new()
    {
        Name = "cpu_usage",
        Value = 85.5,
        Labels = new Dictionary<string, string> { ["host"] = "server-01" },
        Timestamp = Now,
    };

    [Test]
    public void Accepts_a_well_formed_metric() =>
        Assert.That(MetricValidator.Validate(Valid, Now), Is.Empty);

    [TestCase("", "name")]
    [TestCase("1abc", "name")]
    [TestCase("has space", "name")]
    [TestCase("naïve", "name")]
    public void Rejects_bad_names(string name, string field) =>
        Assert.That(MetricValidator.Validate(Valid with { Name = name }, Now).Select(e => e.Field), Is.EqualTo(new[] { field }));

    [Test]
    public void Rejects_a_name_longer_than_the_limit() =>
        Assert.That(MetricValidator.Validate(Valid with { Name = new string('a', MetricLimits.MaxNameLength + 1) }, Now).Single().Field, Is.EqualTo("name"));

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void Rejects_non_finite_values(double value) =>
        Assert.That(MetricValidator.Validate(Valid with { Value = value }, Now).Single().Field, Is.EqualTo("value"));

    [Test]
    public void Rejects_too_many_labels()
    {
        var labels = Enumerable.Range(0, MetricLimits.MaxLabels + 1).ToDictionary(i => $"k{i}", i => "v");
        Assert.That(MetricValidator.Validate(Valid with { Labels = labels }, Now).Select(e => e.Field), Does.Contain("labels"));
    }

    [Test]
    public void Rejects_a_long_label_value_naming_its_key()
    {
        var labels = new Dictionary<string, string> { ["host"] = new string('x', MetricLimits.MaxLabelValueLength + 1) };
        Assert.That(MetricValidator.Validate(Valid with { Labels = labels }, Now).Single().Field, Is.EqualTo("labels.host"));
    }

    [Test]
    public void Rejects_timestamps_outside_the_window()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MetricValidator.Validate(Valid with { Timestamp = Now.AddMinutes(11) }, Now).Single().Field, Is.EqualTo("timestamp"));
            Assert.That(MetricValidator.Validate(Valid with { Timestamp = Now.AddDays(-8) }, Now).Single().Field, Is.EqualTo("timestamp"));
            Assert.That(MetricValidator.Validate(Valid with { Timestamp = Now.AddMinutes(9) }, Now), Is.Empty);
        });
    }

    [Test]
    public void Reports_every_bad_field_at_once() =>
        Assert.That(MetricValidator.Validate(new MetricRecorded { Name = "", Value = double.NaN, Timestamp = Now.AddDays(1) }, Now).Select(e => e.Field),
            Is.EquivalentTo(new[] { "name", "value", "timestamp" }));
}
