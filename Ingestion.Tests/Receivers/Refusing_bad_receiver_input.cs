using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Receivers;

/// <summary>Bad bodies, codings, content types, sizes and keys: each a clear 4xx, and nothing on the topic afterwards.</summary>
[TestFixture]
public sealed class Refusing_bad_receiver_input
{
    private const string Key = "bad-input-key";
    private ApiApplicationFactory api = null!;
    private HttpClient client = null!;

    [OneTimeSetUp]
    public async Task StartApi()
    {
        api = await ApiApplicationFactory.StartAsync("receiver_bad", new Dictionary<string, string?>
        {
            ["Api:Keys:0"] = Key,
            ["Receivers:MaxBodyBytes"] = "262144",
            ["Receivers:MaxDecompressedBytes"] = "1048576",
            ["Receivers:MaxSamplesPerRequest"] = "100",
        });
        client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
    }

    [OneTimeTearDown]
    public async Task StopApi()
    {
        client.Dispose();
        await api.DisposeAsync();
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        var now = DateTimeOffset.UtcNow;
        var valid = ReceiverBodies.WriteRequest(("cpu", [("host", "a")], [(1, now)]));
        var rawWrite = Snappier.Snappy.DecompressToArray(valid);
        var zeros = new byte[16 * 1024 * 1024];
        var random = RandomNumberGenerator.GetBytes(300 * 1024);
        var truncated = new byte[] { 0x0a, 0x05, (byte)'a', (byte)'b' };
        var many = ReceiverBodies.WriteRequest(("cpu", [("host", "a")], Enumerable.Range(0, 101).Select(i => (1.0, now.AddMilliseconds(-i))).ToArray()));

        yield return Otlp("OTLP as text/plain", Encoding.UTF8.GetBytes("{}"), "text/plain", null, HttpStatusCode.UnsupportedMediaType, "application/x-protobuf");
        yield return Otlp("OTLP with Content-Encoding br", Encoding.UTF8.GetBytes("{}"), "application/json", "br", HttpStatusCode.UnsupportedMediaType, "gzip or absent");
        yield return Otlp("OTLP malformed protobuf", truncated, "application/x-protobuf", null, HttpStatusCode.BadRequest, "not a valid OTLP");
        yield return Otlp("OTLP malformed JSON", Encoding.UTF8.GetBytes("""{"resourceMetrics":["""), "application/json", null, HttpStatusCode.BadRequest, "not valid OTLP/JSON");
        yield return Otlp("OTLP JSON of the wrong shape", Encoding.UTF8.GetBytes("""{"resourceMetrics":"nope"}"""), "application/json", null, HttpStatusCode.BadRequest, "OTLP");
        yield return Otlp("OTLP truncated gzip", ReceiverBodies.Gzip(Encoding.UTF8.GetBytes(ReceiverBodies.OtlpGauges("g", 3, now)))[..30], "application/json", "gzip", HttpStatusCode.BadRequest, "not valid gzip");
        yield return Otlp("OTLP gzip bomb (16 MiB of zeros)", ReceiverBodies.Gzip(zeros), "application/x-protobuf", "gzip", HttpStatusCode.RequestEntityTooLarge, "decompresses to more than 1048576");
        yield return Otlp("OTLP body over the compressed limit", random, "application/x-protobuf", null, HttpStatusCode.RequestEntityTooLarge, "at most 262144 bytes");
        yield return Otlp("OTLP with more samples than allowed", Encoding.UTF8.GetBytes(ReceiverBodies.OtlpGauges("g", 101, now)), "application/json", null, HttpStatusCode.RequestEntityTooLarge, "more than 100 samples");
        yield return Write("remote write as JSON", rawWrite, "application/json", "snappy", HttpStatusCode.UnsupportedMediaType, "application/x-protobuf");
        yield return Write("remote write without snappy", rawWrite, "application/x-protobuf", null, HttpStatusCode.UnsupportedMediaType, "snappy");
        yield return Write("remote write truncated snappy", valid[..(valid.Length / 2)], "application/x-protobuf", "snappy", HttpStatusCode.BadRequest, "not a valid snappy block");
        // Not random: random bytes sometimes start with a length header over the decompressed limit (413, not 400). This one
        // claims 100 bytes, then copies from an offset before the start of the output.
        yield return Write("remote write garbage that is not snappy", [0x64, .. Enumerable.Repeat((byte)0xFF, 999)], "application/x-protobuf", "snappy", HttpStatusCode.BadRequest, "snappy");
        yield return Write("remote write malformed protobuf", ReceiverBodies.Snappy(truncated), "application/x-protobuf", "snappy", HttpStatusCode.BadRequest, "not a valid remote-write WriteRequest");
        yield return Write("remote write snappy bomb (4 MiB of zeros)", ReceiverBodies.Snappy(zeros[..(4 * 1024 * 1024)]), "application/x-protobuf", "snappy", HttpStatusCode.RequestEntityTooLarge, "would decompress to 4194304 bytes");
        yield return Write("remote write with more samples than allowed", many, "application/x-protobuf", "snappy", HttpStatusCode.RequestEntityTooLarge, "more than 100 samples");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Answers_each_bad_request_with_its_status_and_produces_nothing(
        string path, byte[] body, string contentType, string? coding, HttpStatusCode expected, string explanation)
    {
        using var request = Request(path, body, contentType, coding);

        using var response = await client.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected), answer);
            Assert.That(answer, Does.Contain(explanation), "the answer says what is wrong");
            Assert.That(RecordsOn(api.Topic), Is.Zero, "nothing produced");
        });
    }

    [TestCase("/v1/metrics", null)]
    [TestCase("/v1/metrics", "Bearer wrong-key")]
    [TestCase("/api/v1/write", null)]
    [TestCase("/api/v1/write", "Bearer wrong-key")]
    [TestCase("/api/v1/write", "Basic YTpi")]
    public async Task Refuses_a_request_without_a_configured_key(string path, string? authorization)
    {
        using var anonymous = api.CreateClient();
        var body = ReceiverBodies.WriteRequest(("cpu", [], [(1, DateTimeOffset.UtcNow)]));
        using var request = Request(path, body, "application/x-protobuf", path == "/api/v1/write" ? "snappy" : null);
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await anonymous.SendAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(RecordsOn(api.Topic), Is.Zero, "nothing produced");
        });
    }

    private static TestCaseData Otlp(string name, byte[] body, string contentType, string? coding, HttpStatusCode status, string explanation) =>
        new TestCaseData("/v1/metrics", body, contentType, coding, status, explanation).SetArgDisplayNames(name);

    private static TestCaseData Write(string name, byte[] body, string contentType, string? coding, HttpStatusCode status, string explanation) =>
        new TestCaseData("/api/v1/write", body, contentType, coding, status, explanation).SetArgDisplayNames(name);

    private static HttpRequestMessage Request(string path, byte[] body, string contentType, string? coding)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (coding is not null)
            content.Headers.ContentEncoding.Add(coding);
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    private static long RecordsOn(string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = TestInfrastructure.Kafka.BootstrapServers,
            GroupId = $"receiver-watermarks-{Guid.NewGuid():N}",
        }).Build();
        var marks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, 0), TimeSpan.FromSeconds(10));
        return marks.High.Value - marks.Low.Value;
    }
}
