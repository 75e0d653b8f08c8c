using System.Text;

namespace Ingestion.Tests.Api;

/// <summary>
/// Hostile and careless requests for <see cref="Rejecting_bad_input"/> (issue 19): strings PostgreSQL cannot store,
/// bytes that are not UTF-8, fields given twice, repeated ids, encodings we do not read, and query values that used to
/// end in a 500.
/// </summary>
internal static class HostileInputCases
{
    private const string Single = "/api/v1/metrics";
    private const string Batch = "/api/v1/metrics/batch";
    private const string Json = "application/json";

    public static IEnumerable<TestCaseData> All()
    {
        var guid = Guid.NewGuid();
        var cases = new (string Name, BadInputCase Case)[]
        {
            ("label value holding U+0000", Post("{\"name\":\"n\",\"value\":1,\"labels\":{\"h\":\"a\\u0000b\"}}", "labels.h")),
            ("batch label value holding U+0000", PostBatch("[{\"name\":\"n\",\"value\":1,\"labels\":{\"h\":\"\\u0000\"}}]", "[0].labels.h")),
            ("label value a lone high surrogate", Post("{\"name\":\"n\",\"value\":1,\"labels\":{\"h\":\"\\ud800\"}}", "labels.h")),
            ("label value a lone low surrogate", Post("{\"name\":\"n\",\"value\":1,\"labels\":{\"h\":\"x\\udc00\"}}", "labels.h")),
            ("label value a reversed surrogate pair", Post("{\"name\":\"n\",\"value\":1,\"labels\":{\"h\":\"\\udc00\\ud800\"}}", "labels.h")),
            ("name a lone surrogate", Post("{\"name\":\"\\ud800abc\",\"value\":1}", "name")),
            ("label key a lone surrogate", Post("{\"name\":\"n\",\"value\":1,\"labels\":{\"\\ud800\":\"x\"}}", "labels")),
            ("batch item id a lone surrogate", PostBatch("[{\"name\":\"n\",\"value\":1,\"id\":\"\\ud800\"}]", "[0].id")),
            ("label value invalid UTF-8", PostBytes(Single, "{\"name\":\"n\",\"value\":1,\"labels\":{\"h\":\"a", [0xFF], "\"}}")),
            ("name an overlong UTF-8 encoding", PostBytes(Single, "{\"name\":\"n", [0xC0, 0xAF], "\",\"value\":1}")),
            ("batch label value a truncated UTF-8 sequence", PostBytes(Batch, "[{\"name\":\"n\",\"value\":1,\"labels\":{\"h\":\"", [0xE2, 0x82], "\"}}]")),
            ("label value a UTF-8 encoded surrogate", PostBytes(Single, "{\"name\":\"n\",\"value\":1,\"labels\":{\"h\":\"", [0xED, 0xA0, 0x80], "\"}}")),
            ("name twice", Post("{\"name\":\"a\",\"name\":\"b\",\"value\":1}", "name")),
            ("value twice", Post("{\"name\":\"a\",\"value\":1,\"value\":2}", "value")),
            ("labels twice", Post("{\"name\":\"a\",\"value\":1,\"labels\":{},\"labels\":{\"h\":\"x\"}}", "labels")),
            ("timestamp twice", Post("{\"name\":\"a\",\"value\":1,\"timestamp\":null,\"timestamp\":null}", "timestamp")),
            ("id twice", Post("{\"name\":\"a\",\"value\":1,\"id\":\"k1\",\"id\":\"k2\"}", "id")),
            ("batch item value twice", PostBatch("[{\"name\":\"a\",\"value\":1,\"value\":2}]", "[0].value")),
            ("batch items sharing an id", PostBatch("[{\"name\":\"a\",\"value\":1,\"id\":\"k\"},{\"name\":\"a\",\"value\":2,\"id\":\"k\"}]", "[1].id")),
            ("batch items sharing a GUID id in two spellings", PostBatch($"[{{\"name\":\"a\",\"value\":1,\"id\":\"{guid:D}\"}},{{\"name\":\"a\",\"value\":2,\"id\":\"{guid:N}\"}}]", "[1].id")),
            ("Content-Encoding gzip", Post("{\"name\":\"cpu\",\"value\":1}", null) with { Status = 415, Header = "Content-Encoding", HeaderValue = "gzip", Mentions = "Content-Encoding" }),
            ("batch Content-Encoding br", PostBatch("[{\"name\":\"cpu\",\"value\":1}]", null) with { Status = 415, Header = "Content-Encoding", HeaderValue = "br", Mentions = "Content-Encoding" }),
            ("query name holding %00", Get("/api/v1/metrics?name=a%00b", "name")),
            ("query label holding %00", Get("/api/v1/metrics?label=host:a%00b", "label")),
            ("query label key holding %00", Get("/api/v1/metrics?label=h%00st:a", "label")),
            ("query to in year 1", Get("/api/v1/metrics?to=0001-01-01T00:30:00Z", "to")),
            ("aggregate label holding %00", Get("/api/v1/metrics/cpu/aggregate?label=host:%00", "label")),
            ("aggregate to half an hour into year 1", Get("/api/v1/metrics/cpu/aggregate?to=0001-01-01T00:30:00Z", "to")),
            ("aggregate from in year 1", Get("/api/v1/metrics/cpu/aggregate?from=0001-01-01T00:00:00Z&to=0001-01-01T00:30:00Z", "from")),
            ("aggregate to at the end of year 9999", Get("/api/v1/metrics/cpu/aggregate?from=9999-12-31T22:00:00Z&to=9999-12-31T23:59:59Z", "to")),
        };
        return cases.Select(c => new TestCaseData(c.Case).SetArgDisplayNames(c.Name));
    }

    private static BadInputCase Post(string body, string? field) => new("POST", Single, Json, body, 400, field);

    private static BadInputCase PostBatch(string body, string? field) => new("POST", Batch, Json, body, 400, field);

    private static BadInputCase Get(string path, string field) => new("GET", path, null, null, 400, field);

    /// <summary>A body whose middle is raw bytes (not valid UTF-8); the problem names the body as a whole.</summary>
    private static BadInputCase PostBytes(string path, string before, byte[] middle, string after) =>
        new("POST", path, Json, null, 400, "$", Bytes: [.. Encoding.UTF8.GetBytes(before), .. middle, .. Encoding.UTF8.GetBytes(after)]);
}
