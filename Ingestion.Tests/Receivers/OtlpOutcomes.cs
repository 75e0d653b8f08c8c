extern alias api;

using System.Globalization;
using api::Ingestion.Api.Receivers;
using api::Ingestion.Api.Receivers.Otlp;
using api::Ingestion.Api.Receivers.Otlp.Wire;

namespace Ingestion.Tests.Receivers;

/// <summary>
/// What a binary OTLP body becomes, through the byte-level reader or through the generated parser and mapper, as one
/// comparable text: every sample (id, name, value, labels, time), the refused, dropped and over-limit counts, the reasons
/// and the refused points; or "malformed".
/// </summary>
internal static class OtlpOutcomes
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static ulong NowNanos => (ulong)((Now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100);

    public static string ByReader(byte[] body, int maxSamples = 1000, int maxAttributes = 32)
    {
        var samples = new ReceivedSamples(maxSamples, Now, TimeSpan.FromDays(7));
        if (!OtlpWireReader.TryMap(body, samples, maxAttributes, out var rejectedPoints))
            return samples.Accepted.Count + samples.Rejected + samples.Dropped == 0 ? "malformed" : "malformed, yet samples were mapped";
        return Describe(samples, rejectedPoints);
    }

    public static string ByGeneratedParser(byte[] body, int maxSamples = 1000, int maxAttributes = 32)
    {
        var samples = new ReceivedSamples(maxSamples, Now, TimeSpan.FromDays(7));
        if (OtlpCodec.Parse(body, OtlpEncoding.Protobuf, out _) is not { } export)
            return "malformed";
        return Describe(samples, OtlpMetricMapper.Map(export, samples, maxAttributes));
    }

    private static string Describe(ReceivedSamples samples, int rejectedPoints)
    {
        var lines = samples.Accepted.Select(m => string.Create(CultureInfo.InvariantCulture,
            $"{m.Id} {m.Name} {m.Value:R} {{{string.Join(',', m.Labels!.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))}}} {m.Timestamp:O}"));
        return string.Join('\n', lines.Append(
            $"rejected {samples.Rejected}, dropped {samples.Dropped}, over limit {samples.OverLimit}, refused points {rejectedPoints}: {string.Join(" | ", samples.Reasons)}"));
    }
}
