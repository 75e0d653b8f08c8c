extern alias api;

using api::Ingestion.Api.Receivers.RemoteWrite.Protocol;
using Google.Protobuf;

namespace Ingestion.Tests.Receivers;

/// <summary>Remote-write request bodies (uncompressed <c>WriteRequest</c> bytes) built from labels and samples.</summary>
internal static class RemoteWriteRequests
{
    public static byte[] Request(params TimeSeries[] series)
    {
        var request = new WriteRequest();
        request.Timeseries.Add(series);
        return request.ToByteArray();
    }

    public static TimeSeries Series((string Name, string Value)[] labels, params (double Value, DateTimeOffset Time)[] samples)
    {
        var series = new TimeSeries();
        foreach (var (name, value) in labels)
            series.Labels.Add(new Label { Name = name, Value = value });
        foreach (var (value, time) in samples)
            series.Samples.Add(new Sample { Value = value, Timestamp = time.ToUnixTimeMilliseconds() });
        return series;
    }
}
