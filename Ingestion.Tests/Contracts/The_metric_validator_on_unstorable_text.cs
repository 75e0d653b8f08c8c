using Ingestion.Contracts;

namespace Ingestion.Tests.Contracts;

/// <summary>PostgreSQL stores neither U+0000 (text and jsonb) nor unpaired UTF-16 surrogates: such text is invalid, not a database fault.</summary>
[TestFixture]
public sealed class The_metric_validator_on_unstorable_text
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static MetricRecorded WithLabelValue(string value) => new()
    {
        Name = "cpu_usage",
        Value = 1,
        Labels = new Dictionary<string, string> { ["host"] = value },
        Timestamp = Now,
    };

    // Built in code: attribute arguments are stored as UTF-8, which turns a lone surrogate into U+FFFD.
    private static readonly string[] Unstorable = ["a\u0000b", "\u0000", "\ud800", "x\udc00", "\udc00\ud800", "ok\ud83d"];

    [TestCaseSource(nameof(Unstorable))]
    public void Rejects_a_label_value_PostgreSQL_cannot_store_naming_its_key(string value)
    {
        var errors = MetricValidator.Validate(WithLabelValue(value), Now);

        Assert.That(errors.Select(e => e.Field), Is.EqualTo(new[] { "labels.host" }));
        Assert.That(errors[0].Message, Does.Contain("U+0000").And.Contain("surrogate"));
    }

    [TestCase("server-01")]
    [TestCase("naïve café")]
    [TestCase("\ud83d\ude00 emoji")]
    [TestCase("tab\tand\nnewline")]
    [TestCase("\uffff")]
    [TestCase("")]
    public void Accepts_any_other_text(string value) =>
        Assert.That(MetricValidator.Validate(WithLabelValue(value), Now), Is.Empty);

    [Test]
    public void Tells_storable_text_apart() => Assert.Multiple(() =>
    {
        Assert.That(MetricValidator.IsStorableText("plain"), Is.True);
        Assert.That(MetricValidator.IsStorableText("\ud83d\ude00"), Is.True);
        Assert.That(MetricValidator.IsStorableText("a\u0000"), Is.False);
        Assert.That(MetricValidator.IsStorableText("\ud83d"), Is.False);
        Assert.That(MetricValidator.IsStorableText("\ude00"), Is.False);
    });
}
