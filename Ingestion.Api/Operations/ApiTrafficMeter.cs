using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Ingestion.Api.Telemetry;

namespace Ingestion.Api.Operations;

/// <summary>
/// Listens to this API's own instruments in process: metrics accepted, responses by status class (ASP.NET Core's
/// <c>http.server.request.duration</c>) and the 0/1 gauges of admission control and the produce circuit breaker, matched by
/// their exported Prometheus names so the page and the alert rules agree. Only meters of this host (or process-wide ones)
/// count, so several hosts in one process (tests) stay apart.
/// </summary>
public sealed class ApiTrafficMeter : IDisposable
{
    /// <summary>Exported name of admission control's 0/1 gauge.</summary>
    public const string AdmissionRefusing = "ingestion_api_admission_refusing";

    /// <summary>Exported name of the produce circuit breaker's 0/1 gauge.</summary>
    public const string ProducerBreakerOpen = "ingestion_kafka_producer_breaker_open";

    private readonly MeterListener listener = new();
    private readonly IMeterFactory meterFactory;
    private readonly ConcurrentDictionary<string, double> gauges = new(StringComparer.Ordinal);
    private long accepted;
    private long clientErrors;
    private long serverErrors;

    public ApiTrafficMeter(IMeterFactory meterFactory)
    {
        this.meterFactory = meterFactory;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (IsOurs(instrument) && Role(instrument) is { } role)
                l.EnableMeasurementEvents(instrument, role);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, role) => OnMeasurement(instrument, value, tags, role));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, role) => OnMeasurement(instrument, value, tags, role));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, role) => OnMeasurement(instrument, value, tags, role));
        listener.Start();
    }

    public long Accepted => Interlocked.Read(ref accepted);

    public long ClientErrors => Interlocked.Read(ref clientErrors);

    public long ServerErrors => Interlocked.Read(ref serverErrors);

    /// <summary>The latest value of an exported 0/1 gauge as a flag, or null when no such instrument exists here.</summary>
    public bool? Flag(string prometheusName)
    {
        listener.RecordObservableInstruments();
        return gauges.TryGetValue(prometheusName, out var value) ? value > 0 : null;
    }

    public void Dispose() => listener.Dispose();

    /// <summary>The name OpenTelemetry's Prometheus exporter gives the instrument (dots to underscores, a unit suffix, <c>_total</c>).</summary>
    public static string PrometheusName(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var name = instrument.Name.Replace('.', '_');
        if (instrument.Unit == "s" && !name.EndsWith("_seconds", StringComparison.Ordinal))
            name += "_seconds";
        var counter = instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal)
            || instrument.GetType().Name.StartsWith("ObservableCounter", StringComparison.Ordinal);
        return counter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    private bool IsOurs(Instrument instrument) => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, meterFactory);

    private static string? Role(Instrument instrument) => instrument switch
    {
        { Meter.Name: ApiMetrics.MeterName, Name: "ingestion.api.metrics.accepted" } => "accepted",
        { Meter.Name: "Microsoft.AspNetCore.Hosting", Name: "http.server.request.duration" } => "requests",
        _ when PrometheusName(instrument) is AdmissionRefusing or ProducerBreakerOpen => "gauge",
        _ => null,
    };

    private void OnMeasurement<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? role)
        where T : struct, IConvertible
    {
        switch (role as string)
        {
            case "accepted":
                Interlocked.Add(ref accepted, value.ToInt64(CultureInfo.InvariantCulture));
                break;
            case "requests":
                CountStatus(tags);
                break;
            case "gauge":
                gauges[PrometheusName(instrument)] = value.ToDouble(CultureInfo.InvariantCulture);
                break;
        }
    }

    private void CountStatus(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key != "http.response.status_code") continue;
            var status = tag.Value switch { int code => code, long code => (int)code, string text when int.TryParse(text, CultureInfo.InvariantCulture, out var code) => code, _ => 0 };
            if (status is >= 400 and < 500) Interlocked.Increment(ref clientErrors);
            else if (status >= 500) Interlocked.Increment(ref serverErrors);
            return;
        }
    }
}
