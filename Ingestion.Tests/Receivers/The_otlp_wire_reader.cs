extern alias api;

using api::Ingestion.Api.Receivers.Otlp.Protocol;
using Google.Protobuf;
using static Ingestion.Tests.Receivers.ProtobufBytes;

namespace Ingestion.Tests.Receivers;

/// <summary>
/// Binary OTLP read straight from the bytes gives what the generated parser and the mapper give: the same samples, ids,
/// labels, refusals and counts, whatever the exporter sends and however it orders or repeats the fields.
/// </summary>
[TestFixture]
public sealed class The_otlp_wire_reader
{
    [Test]
    public void Maps_an_export_of_every_kind_of_metric_and_attribute_as_the_generated_parser_does()
    {
        var body = OtlpExports.Varied(OtlpOutcomes.NowNanos).ToByteArray();

        var byReader = OtlpOutcomes.ByReader(body);

        Assert.That(byReader, Is.EqualTo(OtlpOutcomes.ByGeneratedParser(body)));
        Assert.That(byReader.Split('\n'), Has.Length.GreaterThan(15), "the export maps to many samples");
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(19)]
    public void Stops_at_the_sample_limit_where_the_generated_path_stops(int maxSamples)
    {
        var body = OtlpExports.Varied(OtlpOutcomes.NowNanos).ToByteArray();

        Assert.That(OtlpOutcomes.ByReader(body, maxSamples), Is.EqualTo(OtlpOutcomes.ByGeneratedParser(body, maxSamples)).And.Contains("over limit True"));
    }

    [TestCase(2)]
    [TestCase(5)]
    public void Refuses_points_with_too_many_attributes_as_the_generated_path_does(int maxAttributes)
    {
        var body = OtlpExports.Varied(OtlpOutcomes.NowNanos).ToByteArray();

        Assert.That(OtlpOutcomes.ByReader(body, maxAttributes: maxAttributes), Is.EqualTo(OtlpOutcomes.ByGeneratedParser(body, maxAttributes: maxAttributes)));
    }

    [Test]
    public void Maps_the_benchmark_export_as_the_generated_parser_does()
    {
        var body = OtlpExports.Gauges(1000, OtlpOutcomes.NowNanos).ToByteArray();

        Assert.That(OtlpOutcomes.ByReader(body), Is.EqualTo(OtlpOutcomes.ByGeneratedParser(body)));
    }

    [TestCase(new byte[0], TestName = "An empty body is an export without points")]
    [TestCase(new byte[] { 0x0a, 0x00 }, TestName = "An empty resource is a resource without points")]
    [TestCase(new byte[] { 0x0a, 0x04, 0x12, 0x02, 0x12, 0x00 }, TestName = "An empty metric maps to nothing")]
    public void Reads_empty_messages_as_the_generated_parser_does(byte[] body) =>
        Assert.That(OtlpOutcomes.ByReader(body), Is.EqualTo(OtlpOutcomes.ByGeneratedParser(body)).And.StartsWith("rejected 0"));

    [Test]
    public void Reads_fields_in_any_order_with_unknown_fields_of_every_wire_type_at_every_level()
    {
        var nanos = OtlpOutcomes.NowNanos;
        var point = Join(Unknowns(20), DoubleField(4, 2.5), Attribute("host", Text(1, "a")), Fixed64Field(3, nanos),
            Unknowns(30), Attribute("zone", Join(Unknowns(10), Text(1, "eu"))), Tag(30, 6));
        var metric = Join(Unknowns(20), Message(5, Unknowns(10), Message(1, point)), Text(3, "ms"), Text(1, "req.latency"), Unknowns(30));
        var scopeMetrics = Join(Message(2, metric), Unknowns(20), Message(1, Text(1, "lib"), Unknowns(10)));
        var body = Join(Unknowns(10), Message(1, Message(2, scopeMetrics), Unknowns(20), Message(1, KeyValue(1, "service.name", Text(1, "api")))));

        var byReader = OtlpOutcomes.ByReader(body);

        Assert.That(byReader, Is.EqualTo(OtlpOutcomes.ByGeneratedParser(body)));
        Assert.That(byReader, Does.Contain("req_latency_milliseconds 2.5 {host=a,job=api,otel_scope_name=lib,zone=eu}"));
    }

    [Test]
    public void Merges_and_replaces_repeated_singular_fields_as_the_generated_parser_does()
    {
        var nanos = OtlpOutcomes.NowNanos;
        var point = Join(Fixed64Field(3, nanos), DoubleField(4, 1), Fixed64Field(6, 5), Attribute("k", Text(1, "x")),
            Message(7, Text(1, "v"), Message(2, Text(1, "first")), Message(2, VarintField(3, 12))), Message(7, Text(1, "w"), Message(2, Text(1, "s"), VarintField(2, 1))));
        var gauge = Message(5, Message(1, point));
        var twiceGauge = Join(Text(1, "twice"), gauge, gauge);
        var replaced = Join(Text(1, "replaced"), gauge, Message(7, VarintField(3, 1), Message(1, point)));
        var body = Join(
            Message(1,
                Message(1, KeyValue(1, "service.name", Text(1, "one"))),
                Message(2, Message(1, Text(1, "s1")), Message(2, twiceGauge), Message(1, Text(2, "v2")), Message(2, replaced)),
                Message(1, KeyValue(1, "service.instance.id", Text(1, "i-1")))));

        var byReader = OtlpOutcomes.ByReader(body);

        Assert.That(byReader, Is.EqualTo(OtlpOutcomes.ByGeneratedParser(body)));
        Assert.That(byReader, Does.Contain("replaced_total 5").And.Contains("instance=i-1").And.Contains("otel_scope_version=v2"));
    }

    [Test]
    public void Reads_histogram_buckets_packed_and_unpacked_as_the_generated_parser_does()
    {
        var nanos = OtlpOutcomes.NowNanos;
        var packed = Message(1, Fixed64Field(3, nanos), Fixed64Field(4, 3), DoubleField(5, 4.5),
            Message(6, BitConverter.GetBytes(1UL), BitConverter.GetBytes(2UL)), Message(7, BitConverter.GetBytes(1.0)));
        var unpacked = Message(1, Fixed64Field(3, nanos), Fixed64Field(4, 3), Fixed64Field(6, 1), Fixed64Field(6, 2), DoubleField(7, 2.0),
            KeyValue(9, "h", Text(1, "u")));
        var body = Join(Message(1, Message(2, Message(2, Text(1, "lat"), Text(3, "s"), Message(9, packed, unpacked)))));

        var byReader = OtlpOutcomes.ByReader(body);

        Assert.That(byReader, Is.EqualTo(OtlpOutcomes.ByGeneratedParser(body)));
        Assert.That(byReader, Does.Contain("lat_seconds_bucket 3 {h=u,le=+Inf}"));
    }

    /// <summary>A number point's attribute (field 7).</summary>
    private static byte[] Attribute(string key, params byte[][] anyValue) => KeyValue(7, key, Join(anyValue));

    private static byte[] KeyValue(int field, string key, byte[] anyValue) => Message(field, Text(1, key), Message(2, anyValue));
}
