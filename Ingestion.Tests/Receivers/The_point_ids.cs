extern alias api;

using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using api::Ingestion.Api.Receivers;

namespace Ingestion.Tests.Receivers;

/// <summary>The deterministic id of an OTLP or remote-write point (docs/api.md, "Retries never duplicate").</summary>
[TestFixture]
public sealed class The_point_ids
{
    private const long Time = 1_764_460_800_123_456_789;

    [Test]
    public void Are_the_same_for_the_same_series_and_time_whatever_the_label_order()
    {
        var a = PointIds.For("cpu", new Dictionary<string, string> { ["host"] = "a", ["region"] = "eu", ["Zone"] = "1" }, Time);
        var b = PointIds.For("cpu", new Dictionary<string, string> { ["Zone"] = "1", ["region"] = "eu", ["host"] = "a" }, Time);

        Assert.That(b, Is.EqualTo(a));
    }

    [Test]
    public void Differ_when_the_time_the_name_or_a_label_differs()
    {
        var labels = new Dictionary<string, string> { ["host"] = "a" };
        var id = PointIds.For("cpu", labels, Time);

        Assert.Multiple(() =>
        {
            Assert.That(PointIds.For("cpu", labels, Time + 1), Is.Not.EqualTo(id));
            Assert.That(PointIds.For("cpu2", labels, Time), Is.Not.EqualTo(id));
            Assert.That(PointIds.For("cpu", new Dictionary<string, string> { ["host"] = "b" }, Time), Is.Not.EqualTo(id));
            Assert.That(PointIds.For("cpu", new Dictionary<string, string>(), Time), Is.Not.EqualTo(id));
        });
    }

    [Test]
    public void Cannot_be_made_equal_by_moving_text_across_the_boundaries_of_name_keys_and_values()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PointIds.For("cpu", new Dictionary<string, string> { ["ab"] = "c" }, Time),
                Is.Not.EqualTo(PointIds.For("cpu", new Dictionary<string, string> { ["a"] = "bc" }, Time)));
            Assert.That(PointIds.For("cpua", new Dictionary<string, string> { ["b"] = "c" }, Time),
                Is.Not.EqualTo(PointIds.For("cpu", new Dictionary<string, string> { ["ab"] = "c" }, Time)));
        });
    }

    [Test]
    public void Are_version_8_uuids_of_the_xxh128_of_the_length_prefixed_series_and_the_time()
    {
        // The rule as docs/api.md states it, written out independently of PointIds.
        var input = new List<byte>("series-point:"u8.ToArray());
        foreach (var part in new[] { "cpu", "host", "a", "region", "eu" })
        {
            var utf8 = Encoding.UTF8.GetBytes(part);
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, utf8.Length);
            input.AddRange(length);
            input.AddRange(utf8);
        }
        var time = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, Time);
        input.AddRange(time);
        var hash = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(hash, XxHash128.HashToUInt128(input.ToArray()));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);

        var id = PointIds.For("cpu", new Dictionary<string, string> { ["region"] = "eu", ["host"] = "a" }, Time);

        Assert.Multiple(() =>
        {
            Assert.That(id, Is.EqualTo(new Guid(hash, bigEndian: true)));
            Assert.That(id.Version, Is.EqualTo(8));
        });
    }
}
