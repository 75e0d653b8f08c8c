extern alias api;

using System.Diagnostics;
using System.Text;
using api::Ingestion.Api.Parsing;

namespace Ingestion.Tests.Api;

[TestFixture, Explicit("timing probe, not a test")]
public sealed class ParserTiming
{
    [Test]
    public void Probe()
    {
        var body = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, 1000).Select(i => $"{{\"name\":\"cpu_usage\",\"value\":{i}.25,\"labels\":{{\"host\":\"server-{i % 50:00}\",\"region\":\"eu\"}}}}")) + "]");
        var now = DateTimeOffset.UtcNow;
        void Once()
        {
            var errors = new FieldErrors();
            var inputs = MetricJsonParser.ParseBatch(body, 10_000, errors)!;
            for (var i = 0; i < inputs.Count; i++)
            {
                var m = MetricAcceptance.ToMessage(inputs[i], null, null, now);
                MetricAcceptance.Validate(m, i, now, TimeSpan.FromDays(7), errors);
                _ = Ingestion.Contracts.SeriesKey.For(m);
                _ = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(m, Ingestion.Kafka.Producing.KafkaJson.Options);
            }
        }
        for (var i = 0; i < 50; i++) Once();
        var parseOnly = Stopwatch.StartNew();
        for (var i = 0; i < 200; i++) MetricJsonParser.ParseBatch(body, 10_000, new FieldErrors());
        parseOnly.Stop();
        var all = Stopwatch.StartNew();
        for (var i = 0; i < 200; i++) Once();
        all.Stop();
        TestContext.Out.WriteLine($"parse only: {parseOnly.Elapsed.TotalMilliseconds * 1000 / 200_000:0.00} us/metric; parse+validate+key+json: {all.Elapsed.TotalMilliseconds * 1000 / 200_000:0.00} us/metric");
    }
}
