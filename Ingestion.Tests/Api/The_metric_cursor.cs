using Ingestion.Storage.Queries;

namespace Ingestion.Tests.Api;

[TestFixture]
public sealed class The_metric_cursor
{
    [Test]
    public void Round_trips_the_position_through_an_opaque_url_safe_token()
    {
        var cursor = new MetricCursor(new DateTimeOffset(2026, 11, 27, 10, 30, 0, 123, TimeSpan.Zero).AddTicks(4560), Guid.CreateVersion7());

        var token = cursor.Encode();

        Assert.That(MetricCursor.TryDecode(token, out var decoded), Is.True);
        Assert.That(decoded, Is.EqualTo(cursor));
        Assert.That(token, Does.Match("^[A-Za-z0-9_-]+$"));
    }

    [TestCase("")]
    [TestCase("not-a-cursor")]
    [TestCase("AAAA")]
    [TestCase("////////////////////////////////")]
    public void Refuses_a_forged_token(string token)
    {
        Assert.That(MetricCursor.TryDecode(token, out var decoded), Is.False);
        Assert.That(decoded, Is.Null);
    }
}
