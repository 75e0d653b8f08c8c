extern alias api;

using System.Globalization;
using System.IO.Compression;
using System.Text;
using api::Ingestion.Api.Receivers.RemoteWrite.Protocol;
using Google.Protobuf;
using Snappier;

namespace Ingestion.Tests.Receivers;

/// <summary>Request bodies for the receivers, valid and otherwise, built the way the real clients build them.</summary>
internal static class ReceiverBodies
{
    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
            gzip.Write(data);
        return output.ToArray();
    }

    public static byte[] Snappy(byte[] data) => Snappier.Snappy.CompressToArray(data);

    /// <summary>A remote-write request as Prometheus sends it: one series per entry, samples at the given times.</summary>
    public static byte[] WriteRequest(params (string Name, (string Key, string Value)[] Labels, (double Value, DateTimeOffset Time)[] Samples)[] series)
    {
        var request = new WriteRequest();
        foreach (var (name, labels, samples) in series)
        {
            var timeSeries = new TimeSeries();
            timeSeries.Labels.Add(new Label { Name = "__name__", Value = name });
            foreach (var (key, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
                timeSeries.Labels.Add(new Label { Name = key, Value = value });
            foreach (var (value, time) in samples)
                timeSeries.Samples.Add(new Sample { Value = value, Timestamp = time.ToUnixTimeMilliseconds() });
            request.Timeseries.Add(timeSeries);
        }
        return Snappy(request.ToByteArray());
    }

    /// <summary>An OTLP/JSON export with <paramref name="points"/> gauge points of one metric.</summary>
    public static string OtlpGauges(string name, int points, DateTimeOffset time)
    {
        var nanos = ((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100).ToString(CultureInfo.InvariantCulture);
        var builder = new StringBuilder("""{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":""" + "\"" + name + "\",\"gauge\":{\"dataPoints\":[");
        for (var i = 0; i < points; i++)
        {
            if (i > 0) builder.Append(',');
            builder.Append(CultureInfo.InvariantCulture, $$$"""{"attributes":[{"key":"n","value":{"intValue":"{{{i}}}"}}],"timeUnixNano":"{{{nanos}}}","asDouble":{{{i}}}}""");
        }
        return builder.Append("]}}]}]}]}").ToString();
    }
}
