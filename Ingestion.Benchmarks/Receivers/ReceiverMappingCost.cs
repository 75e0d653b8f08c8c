extern alias api;

using System.Diagnostics;
using System.Globalization;
using System.Text;
using api::Ingestion.Api.Parsing;
using api::Ingestion.Api.Receivers;
using api::Ingestion.Api.Receivers.KnownSeries;
using api::Ingestion.Api.Receivers.Otlp;
using api::Ingestion.Api.Receivers.Otlp.Wire;
using api::Ingestion.Api.Receivers.RemoteWrite;
using Google.Protobuf;
using Ingestion.Contracts;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Producing;

namespace Ingestion.Benchmarks.Receivers;

/// <summary>
/// <c>receiver-cpu [--samples 1000] [--seconds 5] [--runs 3] [--only NAME]</c>: the API's own work per sample without HTTP or the broker, on one
/// thread: body to Kafka records (decode, parse, map, validate, id, key, JSON value, headers) for a remote-write request,
/// an OTLP protobuf export (read from its bytes, and through the generated types as before) and a JSON batch (with its two labels, and with the OTLP points' six), alternating. Prints process CPU time and bytes allocated per sample, which
/// hold up on a shared machine far better than requests per second.
/// </summary>
internal static class ReceiverMappingCost
{
    public static Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var size = arguments.Int("samples", 1000);
        var seconds = arguments.Int("seconds", 5);
        var runs = arguments.Int("runs", 3);
        var only = arguments.String("only");
        var now = DateTimeOffset.UtcNow;
        var remoteWrite = Snappier.Snappy.CompressToArray(ReceiverBodyWriter.RemoteWrite(size, now).ToByteArray());
        var otlp = ReceiverBodyWriter.Otlp(size, now).ToByteArray();
        var batch = Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Range(0, size).Select(i =>
            $"{{\"name\":\"cpu_usage\",\"value\":{i}.25,\"labels\":{{\"host\":\"server-{i % 50:00}\",\"region\":\"eu\"}}}}")) + "]");
        // The same metrics with the six labels the OTLP export's points end with (job, instance and otel_scope_name from its
        // resource and scope): per-sample cost grows with the labels, so this is the like-for-like baseline for OTLP.
        var wideBatch = Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Range(0, size).Select(i =>
            $"{{\"name\":\"cpu_usage_ratio\",\"value\":{i}.25,\"labels\":{{\"host\":\"server-{i % 50:00}\",\"region\":\"eu\",\"slot\":\"{i / 50}\",\"job\":\"bench\",\"instance\":\"bench-1\",\"otel_scope_name\":\"bench\"}}}}")) + "]");
        using var client = new KafkaProducerClient(new KafkaOptions { BootstrapServers = "127.0.0.1:1", Client = { ["log_level"] = "0" } });
        // The API's key resolver: a received series brings its key worked out once.
        var producer = new KafkaTopicProducer<MetricRecorded>(client, Topics.Metrics, MetricKeys.For, m => m.Id);
        var scenarios = new (string Name, Func<int> Run)[]
        {
            ("remote write", () => Records(producer, RemoteWriteSamples(remoteWrite, size))),
            ("OTLP protobuf", () => Records(producer, OtlpSamples(otlp, size))),
            ("OTLP generated", () => Records(producer, OtlpGeneratedSamples(otlp, size))),
            ("JSON batch", () => Records(producer, BatchMessages(batch, size))),
            ("JSON 6 labels", () => Records(producer, BatchMessages(wideBatch, size))),
        }.Where(s => only is null || s.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToArray();
        foreach (var (_, run) in scenarios)
            Measure(run, TimeSpan.FromSeconds(1));
        for (var r = 1; r <= runs; r++)
        {
            foreach (var (name, run) in scenarios)
            {
                var (cpu, bytes, samples) = Measure(run, TimeSpan.FromSeconds(seconds));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {r} {name,-14}: {cpu.TotalMilliseconds * 1000 / samples:F2} us CPU and {bytes / (double)samples:F0} bytes allocated per sample ({samples} samples)"));
            }
        }
        return Task.FromResult(0);
    }

    private static (TimeSpan Cpu, long Bytes, long Samples) Measure(Func<int> run, TimeSpan duration)
    {
        var process = Process.GetCurrentProcess();
        GC.Collect();
        var cpu = process.TotalProcessorTime;
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        long samples = 0;
        while (clock.Elapsed < duration)
            samples += run();
        process.Refresh();
        return (process.TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes(precise: true) - bytes, samples);
    }

    private static int Records(KafkaTopicProducer<MetricRecorded> producer, IReadOnlyList<MetricRecorded> messages)
    {
        var total = 0;
        foreach (var message in messages)
            total += producer.ToRecord(message).Value.Length > 0 ? 1 : 0;
        return total;
    }

    private static List<MetricRecorded> RemoteWriteSamples(byte[] body, int size)
    {
        var buffer = new byte[Snappier.Snappy.GetUncompressedLength(body)];
        var length = Snappier.Snappy.Decompress(body, buffer);
        var samples = new ReceivedSamples(size, DateTimeOffset.UtcNow, TimeSpan.FromDays(7));
        RemoteWriteReader.TryMap(buffer.AsSpan(0, length), samples, 32);
        return samples.Accepted;
    }

    private static List<MetricRecorded> OtlpSamples(byte[] body, int size)
    {
        var samples = new ReceivedSamples(size, DateTimeOffset.UtcNow, TimeSpan.FromDays(7));
        OtlpWireReader.TryMap(body, samples, 32, out _);
        return samples.Accepted;
    }

    /// <summary>The OTLP path before the byte-level reader (still the path of OTLP/JSON): generated types, then the mapper.</summary>
    private static List<MetricRecorded> OtlpGeneratedSamples(byte[] body, int size)
    {
        var samples = new ReceivedSamples(size, DateTimeOffset.UtcNow, TimeSpan.FromDays(7));
        OtlpMetricMapper.Map(OtlpCodec.Parse(body, OtlpEncoding.Protobuf, out _)!, samples, 32);
        return samples.Accepted;
    }

    private static List<MetricRecorded> BatchMessages(byte[] body, int size)
    {
        var now = DateTimeOffset.UtcNow;
        var errors = new FieldErrors();
        var inputs = MetricJsonParser.ParseBatch(body, size, errors)!;
        var messages = new List<MetricRecorded>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var message = MetricAcceptance.ToMessage(inputs[i], null, null, now);
            MetricAcceptance.Validate(message, i, now, TimeSpan.FromDays(7), errors);
            messages.Add(message);
        }
        return messages;
    }
}
