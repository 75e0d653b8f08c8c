namespace Ingestion.Kafka.Consuming;

/// <summary>
/// What a partition worker works with, each through its narrow side: the dispatcher, the settlement of failed windows, the
/// endpoint's fetch buffer, the gate on partitions dispatching at once, how long a small window waits to fill, and where it reports an unexpected fault.
/// </summary>
internal sealed record PartitionWorkerServices(
    int WindowSize,
    int ResumeBelow,
    IWindowDispatcher Dispatcher,
    WindowSettlement Settlement,
    SettlementRules Rules,
    IFetchBuffer Buffer,
    SemaphoreSlim? Gate,
    EndpointTelemetry Telemetry,
    Action<PartitionWorker> Faulted)
{
    /// <summary>How long a window smaller than <see cref="WindowSize"/> waits for more records (zero: it never waits).</summary>
    public TimeSpan WindowTimeLimit { get; init; }

    /// <summary>Whether windows that wait for the gate go together as one dispatch (window batch endpoints, unless turned off).</summary>
    public bool CombinesWindows { get; init; }

    private WindowCombiner? combiner;

    /// <summary>Where the partitions' windows go to be dispatched: at once while the gate has a slot, else in line (combined).</summary>
    public WindowCombiner Combiner =>
        LazyInitializer.EnsureInitialized(ref combiner, () => new WindowCombiner(Dispatcher, Settlement, Gate, WindowSize, CombinesWindows, Telemetry));
}
