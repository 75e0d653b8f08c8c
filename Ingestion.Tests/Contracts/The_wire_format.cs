using System.Text.Json;
using Ingestion.Contracts;

namespace Ingestion.Tests.Contracts;

/// <summary>MetricRecorded on the wire: camelCase JSON read and written with System.Text.Json's web defaults.</summary>
[TestFixture]
public sealed class The_wire_format
{
    [Test]
    public void Accepts_a_record_with_fields_this_version_does_not_know()
    {
        const string json = """
            {"id":"0193a5b2-7c1e-7d3f-9a4b-2c5d6e7f8a90","name":"cpu_usage","value":85.5,"labels":{"host":"server-01"},
             "timestamp":"2026-11-27T12:00:00+00:00","unit":"percent","source":{"agent":"collector","version":3},"tags":["a","b"]}
            """;

        var metric = JsonSerializer.Deserialize<MetricRecorded>(json, JsonSerializerOptions.Web)!;

        Assert.Multiple(() =>
        {
            Assert.That(metric.Id, Is.EqualTo(Guid.Parse("0193a5b2-7c1e-7d3f-9a4b-2c5d6e7f8a90")));
            Assert.That(metric.Name, Is.EqualTo("cpu_usage"));
            Assert.That(metric.Value, Is.EqualTo(85.5));
            Assert.That(metric.Labels, Is.EqualTo(new Dictionary<string, string> { ["host"] = "server-01" }));
            Assert.That(metric.Timestamp, Is.EqualTo(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero)));
            Assert.That(MetricValidator.Validate(metric, metric.Timestamp!.Value), Is.Empty);
        });
    }

    [Test]
    public void Reads_the_original_producers_shape_without_id_or_timestamp()
    {
        var metric = JsonSerializer.Deserialize<MetricRecorded>("""{"name":"memory_usage","value":1024,"labels":{"host":"b"}}""", JsonSerializerOptions.Web)!;

        Assert.Multiple(() =>
        {
            Assert.That(metric.Id, Is.Null);
            Assert.That(metric.Timestamp, Is.Null);
            Assert.That(metric.Value, Is.EqualTo(1024d));
            Assert.That(SeriesKey.For(metric), Is.EqualTo("memory_usage{host=b}"));
        });
    }

    [Test]
    public void Writes_camel_case_field_names()
    {
        var metric = new MetricRecorded
        {
            Id = Guid.NewGuid(), Name = "up", Value = 1, Labels = new Dictionary<string, string> { ["job"] = "api" },
            Timestamp = DateTimeOffset.UnixEpoch, ReceivedAt = DateTimeOffset.UnixEpoch,
        };

        using var document = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(metric, JsonSerializerOptions.Web));

        Assert.Multiple(() =>
        {
            Assert.That(document.RootElement.EnumerateObject().Select(p => p.Name),
                Is.EquivalentTo(new[] { "id", "name", "value", "timestamp", "labels", "receivedAt" }));
            Assert.That(JsonSerializer.Deserialize<MetricRecorded>(document.RootElement.GetRawText(), JsonSerializerOptions.Web)! with { Labels = metric.Labels },
                Is.EqualTo(metric));
        });
    }

    [TestCase("""{"name":"cpu_usage","labels":{"host":"a"}}""")]
    [TestCase("""{"name":"cpu_usage","value":null}""")]
    public void Refuses_a_record_without_a_value_instead_of_reading_it_as_zero(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<MetricRecorded>(json, JsonSerializerOptions.Web));
}
