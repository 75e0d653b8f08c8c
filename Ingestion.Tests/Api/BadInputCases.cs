using System.Globalization;
using System.Text;

namespace Ingestion.Tests.Api;

/// <summary>The table of bad requests for <see cref="Rejecting_bad_input"/>.</summary>
internal static class BadInputCases
{
    private const string Single = "/api/v1/metrics";
    private const string Batch = "/api/v1/metrics/batch";
    private const string Json = "application/json";

    public static IEnumerable<TestCaseData> All()
    {
        var future = DateTimeOffset.UtcNow.AddHours(1).ToString("O", CultureInfo.InvariantCulture);
        var stale = DateTimeOffset.UtcNow.AddDays(-8).ToString("O", CultureInfo.InvariantCulture);
        var tooManyLabels = "{" + string.Join(",", Enumerable.Range(0, 33).Select(i => $"\"k{i}\":\"v\"")) + "}";

        var cases = new (string Name, BadInputCase Case)[]
        {
            ("name missing", Post("{\"value\":1}", "name")),
            ("name empty", Post("{\"name\":\"\",\"value\":1}", "name")),
            ("name null", Post("{\"name\":null,\"value\":1}", "name")),
            ("name a number", Post("{\"name\":5,\"value\":1}", "name")),
            ("name starts with a digit", Post("{\"name\":\"1cpu\",\"value\":1}", "name")),
            ("name with a space", Post("{\"name\":\"cpu usage\",\"value\":1}", "name")),
            ("name with a slash", Post("{\"name\":\"cpu/usage\",\"value\":1}", "name")),
            ("name of 201 characters", Post($"{{\"name\":\"{new string('a', 201)}\",\"value\":1}}", "name")),
            ("value missing", Post("{\"name\":\"cpu\"}", "value")),
            ("value a string", Post("{\"name\":\"cpu\",\"value\":\"85.5\"}", "value")),
            ("value null", Post("{\"name\":\"cpu\",\"value\":null}", "value")),
            ("value a boolean", Post("{\"name\":\"cpu\",\"value\":true}", "value")),
            ("value an object", Post("{\"name\":\"cpu\",\"value\":{}}", "value")),
            ("value an array", Post("{\"name\":\"cpu\",\"value\":[1]}", "value")),
            ("value overflows a double", Post("{\"name\":\"cpu\",\"value\":1e400}", "value")),
            ("value NaN as a string", Post("{\"name\":\"cpu\",\"value\":\"NaN\"}", "value")),
            ("labels an array", Post("{\"name\":\"cpu\",\"value\":1,\"labels\":[\"a\"]}", "labels")),
            ("labels a string", Post("{\"name\":\"cpu\",\"value\":1,\"labels\":\"host=a\"}", "labels")),
            ("labels nested object", Post("{\"name\":\"cpu\",\"value\":1,\"labels\":{\"a\":{\"b\":\"c\"}}}", "labels.a")),
            ("label value a number", Post("{\"name\":\"cpu\",\"value\":1,\"labels\":{\"host\":1}}", "labels.host")),
            ("label value null", Post("{\"name\":\"cpu\",\"value\":1,\"labels\":{\"host\":null}}", "labels.host")),
            ("label value a boolean", Post("{\"name\":\"cpu\",\"value\":1,\"labels\":{\"host\":false}}", "labels.host")),
            ("label key with a space", Post("{\"name\":\"cpu\",\"value\":1,\"labels\":{\"bad key\":\"x\"}}", "labels.bad key")),
            ("label key starts with a digit", Post("{\"name\":\"cpu\",\"value\":1,\"labels\":{\"1a\":\"x\"}}", "labels.1a")),
            ("33 labels", Post($"{{\"name\":\"cpu\",\"value\":1,\"labels\":{tooManyLabels}}}", "labels")),
            ("label value of 257 characters", Post($"{{\"name\":\"cpu\",\"value\":1,\"labels\":{{\"host\":\"{new string('x', 257)}\"}}}}", "labels.host")),
            ("label key twice", Post("{\"name\":\"cpu\",\"value\":1,\"labels\":{\"host\":\"a\",\"host\":\"b\"}}", "labels.host")),
            ("timestamp without offset", Post("{\"name\":\"cpu\",\"value\":1,\"timestamp\":\"2025-01-27T10:30:00\"}", "timestamp")),
            ("timestamp a date only", Post("{\"name\":\"cpu\",\"value\":1,\"timestamp\":\"2025-01-27\"}", "timestamp")),
            ("timestamp not a time", Post("{\"name\":\"cpu\",\"value\":1,\"timestamp\":\"yesterday\"}", "timestamp")),
            ("timestamp a number", Post("{\"name\":\"cpu\",\"value\":1,\"timestamp\":1738000000}", "timestamp")),
            ("timestamp an hour ahead", Post($"{{\"name\":\"cpu\",\"value\":1,\"timestamp\":\"{future}\"}}", "timestamp")),
            ("timestamp older than retention", Post($"{{\"name\":\"cpu\",\"value\":1,\"timestamp\":\"{stale}\"}}", "timestamp")),
            ("unknown field (typo)", Post("{\"name\":\"cpu\",\"value\":1,\"lables\":{}}", "lables")),
            ("server-owned field", Post("{\"name\":\"cpu\",\"value\":1,\"receivedAt\":\"2025-01-27T10:30:00Z\"}", "receivedAt")),
            ("id a number", Post("{\"name\":\"cpu\",\"value\":1,\"id\":42}", "id")),
            ("body an array", Post("[{\"name\":\"cpu\",\"value\":1}]", "$")),
            ("body a string", Post("\"cpu\"", "$")),
            ("body truncated JSON", Post("{\"name\":\"cpu\",", "$")),
            ("body empty", Post("", "$")),
            ("body two JSON values", Post("{\"name\":\"cpu\",\"value\":1} {}", "$")),
            ("Idempotency-Key of 201 characters", Post("{\"name\":\"cpu\",\"value\":1}", "Idempotency-Key") with { Header = "Idempotency-Key", HeaderValue = new string('k', 201) }),
            ("content type text/plain", Post("{\"name\":\"cpu\",\"value\":1}", null) with { ContentType = "text/plain", Status = 415 }),
            ("no content type", Post("{\"name\":\"cpu\",\"value\":1}", null) with { ContentType = null, Status = 415 }),
            ("single body over 1 MiB", Post(Padded(1024 * 1024 + 1), null) with { Status = 413 }),
            ("batch an object", PostBatch("{\"name\":\"cpu\",\"value\":1}", "$")),
            ("batch empty", PostBatch("[]", "$")),
            ("batch item not an object", PostBatch("[1]", "[0]")),
            ("batch second item value a string", PostBatch("[{\"name\":\"a\",\"value\":1},{\"name\":\"b\",\"value\":\"2\"}]", "[1].value")),
            ("batch third item nested labels", PostBatch("[{\"name\":\"a\",\"value\":1},{\"name\":\"b\",\"value\":2},{\"name\":\"c\",\"value\":3,\"labels\":{\"a\":[1]}}]", "[2].labels.a")),
            ("batch item id too long", PostBatch($"[{{\"name\":\"a\",\"value\":1,\"id\":\"{new string('i', 201)}\"}}]", "[0].id")),
            ("batch item name invalid", PostBatch("[{\"name\":\"a b\",\"value\":1}]", "[0].name")),
            ("batch of 10,001 metrics", PostBatch("[" + string.Join(",", Enumerable.Repeat("{\"name\":\"a\",\"value\":1}", 10_001)) + "]", "$")),
            ("batch body over 16 MiB", PostBatch(Padded(16 * 1024 * 1024 + 1), null) with { Status = 413 }),
            ("batch content type text/csv", PostBatch("[]", null) with { ContentType = "text/csv", Status = 415 }),
            ("query limit 0", Get("/api/v1/metrics?limit=0", "limit")),
            ("query limit 1001", Get("/api/v1/metrics?limit=1001", "limit")),
            ("query limit not a number", Get("/api/v1/metrics?limit=ten", "limit")),
            ("query from not a time", Get("/api/v1/metrics?from=monday", "from")),
            ("query to without offset", Get("/api/v1/metrics?to=2025-01-27T10:30:00", "to")),
            ("query from after to", Get("/api/v1/metrics?from=2025-01-28T00:00:00Z&to=2025-01-27T00:00:00Z", "from")),
            ("query cursor forged", Get("/api/v1/metrics?cursor=not-a-cursor", "cursor")),
            ("query cursor outside the alphabet", Get("/api/v1/metrics?cursor=%2F%2F%2F%2F%2B%2B%2B%2B", "cursor")),
            ("query label without colon", Get("/api/v1/metrics?label=host", "label")),
            ("aggregate window zero", Get("/api/v1/metrics/cpu/aggregate?window=0s", "window")),
            ("aggregate window unit unknown", Get("/api/v1/metrics/cpu/aggregate?window=5x", "window")),
            ("aggregate function unknown", Get("/api/v1/metrics/cpu/aggregate?fn=avg,median", "fn")),
            ("aggregate percentile 100", Get("/api/v1/metrics/cpu/aggregate?fn=p100", "fn")),
            ("aggregate no function", Get("/api/v1/metrics/cpu/aggregate?fn=", "fn")),
            ("aggregate too many windows", Get("/api/v1/metrics/cpu/aggregate?window=1s&from=2025-01-01T00:00:00Z&to=2025-01-02T00:00:00Z", "window")),
            ("aggregate from after to", Get("/api/v1/metrics/cpu/aggregate?from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z", "from")),
        };
        return cases.Select(c => new TestCaseData(c.Case).SetArgDisplayNames(c.Name));
    }

    private static BadInputCase Post(string body, string? field) => new("POST", Single, Json, body, 400, field);

    private static BadInputCase PostBatch(string body, string? field) => new("POST", Batch, Json, body, 400, field);

    private static BadInputCase Get(string path, string field) => new("GET", path, null, null, 400, field);

    private static string Padded(int size) =>
        new StringBuilder(size + 64).Append("{\"name\":\"cpu\",\"value\":1,\"labels\":{\"pad\":\"").Append('x', size).Append("\"}}").ToString();
}
