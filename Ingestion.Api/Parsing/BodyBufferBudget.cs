using System.Diagnostics.Metrics;
using Ingestion.Api.Options;
using Ingestion.Api.Telemetry;
using Microsoft.Extensions.Options;

namespace Ingestion.Api.Parsing;

/// <summary>
/// The bytes of buffer every request body being read may hold together (<c>Api:MaxBufferedBodyBytes</c>). A body reserves
/// each buffer before renting it and gives it back when disposed; a reservation beyond the budget fails, and the request
/// is answered 503 with Retry-After. Lock-free: one interlocked add per buffer growth, none per request otherwise.
/// </summary>
internal sealed class BodyBufferBudget
{
    private long inUse;

    public BodyBufferBudget(IOptions<ApiOptions> options, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meterFactory);
        Limit = options.Value.MaxBufferedBodyBytes;
        meterFactory.Create(ApiMetrics.MeterName).CreateObservableGauge("ingestion.api.body_buffers", () => InUse, "By",
            "Bytes of buffer held by request bodies being read (bounded by Api:MaxBufferedBodyBytes).");
    }

    public long Limit { get; }

    public long InUse => Volatile.Read(ref inUse);

    public bool TryReserve(long bytes)
    {
        if (Interlocked.Add(ref inUse, bytes) <= Limit)
            return true;
        Interlocked.Add(ref inUse, -bytes);
        return false;
    }

    public void Release(long bytes) => Interlocked.Add(ref inUse, -bytes);
}
