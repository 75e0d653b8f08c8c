using Google.Protobuf;
using static Ingestion.Tests.Receivers.ProtobufBytes;

namespace Ingestion.Tests.Receivers;

/// <summary>
/// Binary OTLP read straight from the bytes refuses exactly what the generated parser refuses (the endpoint then answers
/// 400 with the parser's own message) and maps nothing of it; what the parser accepts, it maps alike.
/// </summary>
[TestFixture]
public sealed class The_otlp_wire_reader_on_malformed_bodies
{
    [Test]
    public void Agrees_with_the_generated_parser_on_every_truncation_of_an_export()
    {
        var body = OtlpExports.Varied(OtlpOutcomes.NowNanos).ToByteArray();

        var disagreements = Enumerable.Range(0, body.Length).Where(length => !Agree(body[..length])).ToList();

        Assert.That(disagreements, Is.Empty, "lengths at which the reader and the generated parser disagree");
    }

    [Test]
    public void Agrees_with_the_generated_parser_on_corrupted_bytes()
    {
        var body = OtlpExports.Varied(OtlpOutcomes.NowNanos).ToByteArray();
        var random = new Random(20261130);
        var disagreements = new List<string>();
        var malformed = 0;
        for (var i = 0; i < 3000; i++)
        {
            var corrupted = Corrupt(body, random, out var how);
            if (!Agree(corrupted))
                disagreements.Add(how);
            if (OtlpOutcomes.ByGeneratedParser(corrupted) == "malformed")
                malformed++;
        }

        Assert.That(disagreements, Is.Empty);
        Assert.That(malformed, Is.InRange(300, 2700), "both refused and accepted corruptions were tried");
    }

    [TestCase(2, TestName = "Invalid UTF-8 in a metric description (never mapped) is refused")]
    [TestCase(1, TestName = "Invalid UTF-8 in a metric name is refused")]
    public void Refuses_invalid_utf8_in_any_string_field(int field) =>
        AssertAgree(Request(Join(Message(field, [0x61, 0xff]), Message(5, Message(1, Point())))), expectMalformed: true);

    [Test]
    public void Refuses_invalid_utf8_in_an_attribute_key() =>
        AssertAgree(Request(Join(Text(1, "m"), Message(5, Message(1, Point(), Message(7, Message(1, [0xc3, 0x28])))))), expectMalformed: true);

    [Test]
    public void Refuses_packed_bucket_counts_that_are_not_whole_values() =>
        AssertAgree(Request(Join(Text(1, "h"), Message(9, Message(1, Message(6, new byte[7]))))), expectMalformed: true);

    [TestCase(new byte[] { 0x0c }, true, TestName = "An end-group tag inside a point is refused")]
    [TestCase(new byte[] { 0xa3, 0x01, 0xac, 0x01 }, true, TestName = "A group closed by another field's end tag is refused")]
    [TestCase(new byte[] { 0xa3, 0x01, 0xa4, 0x01 }, false, TestName = "A well-formed unknown group is skipped")]
    [TestCase(new byte[] { 0xa6, 0x01 }, false, TestName = "Wire type 6 is skipped as empty, as the generated parser skips it")]
    [TestCase(new byte[] { 0xa8, 0x81, 0x80, 0x80, 0x80, 0x70, 0x05 }, false, TestName = "A tag over five bytes keeps its low 32 bits")]
    [TestCase(new byte[] { 0xaa, 0x01, 0x80, 0x80, 0x80, 0x80, 0x10 }, false, TestName = "A length of 2 to the 32 reads as zero")]
    [TestCase(new byte[] { 0xaa, 0x01, 0x80, 0x80, 0x80, 0x80, 0x08 }, true, TestName = "A negative length is refused")]
    [TestCase(new byte[] { 0xa8, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 }, true, TestName = "A varint over ten bytes is refused")]
    public void Reads_unusual_wire_bytes_in_a_point_as_the_generated_parser_does(byte[] inPoint, bool expectMalformed) =>
        AssertAgree(Request(Join(Text(1, "m"), Message(5, Message(1, Point(), inPoint)))), expectMalformed);

    [Test]
    public void Stops_at_the_generated_parser_s_nesting_limit_for_attribute_values_and_groups()
    {
        for (var depth = 40; depth <= 50; depth++)
        {
            AssertAgree(Request(Join(Text(1, "m"), Message(5, Message(1, Point(), Message(7, Text(1, "deep"), Message(2, Nested(depth))))))), expectMalformed: depth > 46);
            AssertAgree(Join(Groups(depth * 2), Request(Join(Text(1, "m"), Message(5, Message(1, Point()))))), expectMalformed: depth * 2 >= 100);
        }
    }

    private static bool Agree(byte[] body) => OtlpOutcomes.ByReader(body) == OtlpOutcomes.ByGeneratedParser(body);

    private static void AssertAgree(byte[] body, bool expectMalformed)
    {
        var byReader = OtlpOutcomes.ByReader(body);
        Assert.That(byReader, Is.EqualTo(OtlpOutcomes.ByGeneratedParser(body)));
        Assert.That(byReader == "malformed", Is.EqualTo(expectMalformed), byReader);
    }

    private static byte[] Request(byte[] metric) => Message(1, Message(2, Message(2, metric)));

    private static byte[] Point() => Join(Fixed64Field(3, OtlpOutcomes.NowNanos), DoubleField(4, 1));

    /// <summary>An <c>AnyValue</c> holding arrays <paramref name="levels"/> deep (two messages per level).</summary>
    private static byte[] Nested(int levels) => levels == 0 ? Text(1, "leaf") : Message(5, Message(1, Nested(levels - 1)));

    /// <summary>Unknown groups nested <paramref name="levels"/> deep at the top of the body.</summary>
    private static byte[] Groups(int levels) => levels == 0 ? [] : Group(20, Groups(levels - 1));

    private static byte[] Corrupt(byte[] body, Random random, out string how)
    {
        var at = random.Next(body.Length);
        var value = (byte)random.Next(256);
        switch (random.Next(3))
        {
            case 0:
                how = $"byte {at} set to {value}";
                var changed = (byte[])body.Clone();
                changed[at] = value;
                return changed;
            case 1:
                how = $"byte {value} inserted at {at}";
                return [.. body[..at], value, .. body[at..]];
            default:
                how = $"byte {at} removed";
                return [.. body[..at], .. body[(at + 1)..]];
        }
    }
}
