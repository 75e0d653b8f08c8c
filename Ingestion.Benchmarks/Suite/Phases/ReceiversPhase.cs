using System.Globalization;
using Google.Protobuf;
using Ingestion.Benchmarks.Receivers;
using Ingestion.Benchmarks.Suite.Report;
using Ingestion.Benchmarks.Suite.Running;

namespace Ingestion.Benchmarks.Suite.Phases;

/// <summary>
/// Phase 2c: the binary receivers of issue 14 (OTLP protobuf on <c>POST /v1/metrics</c>, snappy remote write on
/// <c>POST /api/v1/write</c>), 1,000 samples per request over 50 hosts (the bodies of <c>receiver-bodies</c>, built once),
/// for comparison with the batch endpoint at 1,000 per request (phase 2).
/// </summary>
internal sealed class ReceiversPhase : IApiPhase
{
    private const int Connections = 8;
    private const int Samples = 1000;

    public string Key => "api-receivers";
    public string Title => "API, OTLP protobuf and remote-write receivers (closed loop, wrk, 8 connections)";

    public string Method(SuiteContext context) =>
        $"`BODY_FILE=otlp.bin BODY_PATH=/v1/metrics SAMPLES={Samples} {WrkRunner.CommandLine(Connections, context.Plan.ApiSeconds, "benchmarks/receivers/body.lua", "http://127.0.0.1:PORT")}` " +
        $"and the same with `remote_write.bin`, `/api/v1/write`, `BODY_ENCODING=snappy`: {Samples} samples per request over 50 hosts " +
        "(`Ingestion.Benchmarks receiver-bodies`), built once.";

    public async Task<long> RunAsync(SuiteContext context, ServiceProcess api, Uri baseUrl, PhaseResult result)
    {
        var directory = Path.Combine(context.LogDirectory, "receiver-bodies");
        Directory.CreateDirectory(directory);
        var now = DateTimeOffset.UtcNow;
        await File.WriteAllBytesAsync(Path.Combine(directory, "otlp.bin"), ReceiverBodyWriter.Otlp(Samples, now).ToByteArray());
        await File.WriteAllBytesAsync(Path.Combine(directory, "remote_write.bin"), Snappier.Snappy.CompressToArray(ReceiverBodyWriter.RemoteWrite(Samples, now).ToByteArray()));
        var script = Path.Combine(context.Root, "benchmarks", "receivers", "body.lua");
        var receivers = new (string Key, string Name, string File, string Path, string Encoding)[]
        {
            ("otlp", "OTLP protobuf", "otlp.bin", "/v1/metrics", ""),
            ("rw", "remote write", "remote_write.bin", "/api/v1/write", "snappy"),
        };
        long accepted = 0;
        for (var run = 1; run <= context.Plan.Repetitions; run++)
        {
            foreach (var (key, name, file, path, encoding) in receivers)
            {
                context.Progress(Key, $"run {run}/{context.Plan.Repetitions}: {name}, {Samples} samples per request, {context.Plan.ApiSeconds} s");
                var environment = new Dictionary<string, string>
                {
                    ["BODY_FILE"] = Path.Combine(directory, file), ["BODY_PATH"] = path, ["BODY_ENCODING"] = encoding,
                    ["SAMPLES"] = Samples.ToString(CultureInfo.InvariantCulture),
                };
                var cpu = api.CpuSeconds;
                var wrk = await WrkRunner.RunAsync(Connections, context.Plan.ApiSeconds, script, baseUrl.ToString(), environment);
                accepted += wrk.Accepted * Samples;
                result.Measure($"{key}.sps", $"{name}, {Samples} per request: samples/s", "samples/s", true).Add(wrk.RequestsPerSecond * Samples);
                result.Measure($"{key}.p99", $"{name}, {Samples} per request: p99 per request", "ms", false).Add(wrk.P99);
                result.Measure($"{key}.cpu", $"{name}, {Samples} per request: API CPU per sample", "µs", false)
                    .Add((api.CpuSeconds - cpu) * 1e6 / Math.Max(1, wrk.Requests * (double)Samples));
                result.Measure($"{key}.failed", $"{name}: non-2xx and socket errors", "requests", false).Add(wrk.Non2xx + wrk.SocketErrors);
                context.Progress(Key, $"  {wrk.RequestsPerSecond * Samples:F0} samples/s");
            }
        }
        return accepted;
    }
}
