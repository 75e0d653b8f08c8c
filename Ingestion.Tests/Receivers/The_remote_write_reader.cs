extern alias api;

using api::Ingestion.Api.Receivers;
using api::Ingestion.Api.Receivers.RemoteWrite;
using api::Ingestion.Api.Receivers.RemoteWrite.Protocol;
using Google.Protobuf;
using static Ingestion.Tests.Receivers.RemoteWriteRequests;

namespace Ingestion.Tests.Receivers;

/// <summary>
/// The remote-write body read straight from its bytes (no generated message objects, shared label strings): the same
/// samples as the generated types describe, unknown fields skipped, malformed bodies refused.
/// </summary>
[TestFixture]
public sealed class The_remote_write_reader
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Test]
    public void Gives_every_sample_its_own_series_labels_even_when_label_strings_are_shared_across_requests()
    {
        var body = Request(
            Series([("__name__", "cpu"), ("host", "a"), ("region", "eu")], (1.5, Now), (2.5, Now.AddSeconds(-1))),
            Series([("__name__", "cpu"), ("host", "b"), ("region", "us")], (3.5, Now)),
            Series([("region", "eu"), ("__name__", "mem"), ("host", "a"), ("empty", "")], (4.5, Now)));

        var first = Map(body);
        var again = Map(body);

        Assert.Multiple(() =>
        {
            Assert.That(first.Accepted.Select(m => (m.Name, m.Value, Labels: string.Join(',', m.Labels!.OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}")))),
                Is.EqualTo(new[]
                {
                    ("cpu", 1.5, "host=a,region=eu"),
                    ("cpu", 2.5, "host=a,region=eu"),
                    ("cpu", 3.5, "host=b,region=us"),
                    ("mem", 4.5, "host=a,region=eu"),
                }));
            Assert.That(first.Accepted[0].Timestamp, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(Now.ToUnixTimeMilliseconds())));
            Assert.That(again.Accepted.Select(m => m.Id), Is.EqualTo(first.Accepted.Select(m => m.Id)), "same series and time, same ids");
            Assert.That(again.Accepted[2].Labels!["host"], Is.SameAs(first.Accepted[2].Labels!["host"]), "repeated label values are one string");
        });
    }

    [Test]
    public void Drops_staleness_markers_and_refuses_series_without_a_name_or_with_too_many_labels()
    {
        var stale = BitConverter.UInt64BitsToDouble(RemoteWriteReader.StaleNaNBits);
        var tooMany = Enumerable.Range(0, 40).Select(i => ($"l{i}", "v")).Append(("__name__", "wide")).ToArray();
        var body = Request(
            Series([("__name__", "up")], (stale, Now), (1, Now)),
            Series([("host", "a")], (1, Now), (2, Now)),
            Series(tooMany, (1, Now)));

        var samples = Map(body);

        Assert.Multiple(() =>
        {
            Assert.That(samples.Accepted.Select(m => m.Name), Is.EqualTo(new[] { "up" }));
            Assert.That(samples.Dropped, Is.EqualTo(1));
            Assert.That(samples.Rejected, Is.EqualTo(3));
            Assert.That(samples.Reasons, Has.Some.Contains("no __name__").And.Some.Contains("41 labels"));
        });
    }

    [Test]
    public void Skips_fields_it_does_not_use_as_the_generated_parser_does()
    {
        var series = Series([("__name__", "cpu")], (7, Now));
        var request = new WriteRequest();
        request.Timeseries.Add(series);
        var known = request.ToByteArray();
        // Unknown fields of every wire type around the known ones: metadata (3, message), a varint, a fixed32, a fixed64, a group.
        byte[] unknown = [0x1a, 0x02, 0x08, 0x01, 0x20, 0x96, 0x01, 0x2d, 1, 2, 3, 4, 0x31, 1, 2, 3, 4, 5, 6, 7, 8, 0x3b, 0x08, 0x01, 0x3c];
        var body = unknown.Concat(known).Concat(unknown).ToArray();

        var samples = Map(body);

        Assert.Multiple(() =>
        {
            Assert.That(WriteRequest.Parser.ParseFrom(body).Timeseries, Has.Count.EqualTo(1), "the generated parser accepts the body");
            Assert.That(samples.Accepted.Select(m => (m.Name, m.Value)), Is.EqualTo(new[] { ("cpu", 7.0) }));
        });
    }

    [TestCase(new byte[] { 0x0a, 0x05, (byte)'a', (byte)'b' }, TestName = "A length beyond the end is refused")]
    [TestCase(new byte[] { 0x00, 0x01 }, TestName = "Field number zero is refused")]
    [TestCase(new byte[] { 0x0a, 0x02, 0x0a, 0x05 }, TestName = "A truncated label is refused")]
    [TestCase(new byte[] { 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 }, TestName = "A varint over ten bytes is refused")]
    [TestCase(new byte[] { 0x0c }, TestName = "An end-group without its start is refused")]
    [TestCase(new byte[] { 0x0a, 0x06, 0x0a, 0x04, 0x0a, 0x02, 0xc3, 0x28 }, TestName = "A label name that is not UTF-8 is refused")]
    [TestCase(new byte[] { 0x0a, 0x06, 0x0a, 0x04, 0x12, 0x02, 0xed, 0xa0 }, TestName = "A label value holding a UTF-16 surrogate's bytes is refused")]
    public void Refuses_what_the_generated_parser_refuses(byte[] body)
    {
        var samples = new ReceivedSamples(100, DateTimeOffset.UtcNow, TimeSpan.FromDays(7));

        Assert.Multiple(() =>
        {
            Assert.That(() => WriteRequest.Parser.ParseFrom(body), Throws.InstanceOf<InvalidProtocolBufferException>());
            Assert.That(RemoteWriteReader.TryMap(body, samples, 32), Is.False);
            Assert.That(samples.Accepted, Is.Empty);
        });
    }

    [Test]
    public void Refuses_a_body_malformed_after_valid_series_without_keeping_any_of_them()
    {
        var valid = Request(Series([("__name__", "cpu")], (1, Now)));
        var samples = new ReceivedSamples(100, DateTimeOffset.UtcNow, TimeSpan.FromDays(7));

        Assert.That(RemoteWriteReader.TryMap([.. valid, 0x0a, 0x09], samples, 32), Is.False);
        Assert.That(samples.Accepted, Is.Empty);
    }

    private static ReceivedSamples Map(byte[] body)
    {
        var samples = new ReceivedSamples(100, DateTimeOffset.UtcNow, TimeSpan.FromDays(7));
        Assert.That(RemoteWriteReader.TryMap(body, samples, 32), Is.True);
        return samples;
    }
}
