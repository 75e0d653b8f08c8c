namespace Ingestion.Kafka.Consuming;

/// <summary>
/// What a partition worker works with, each through its narrow side: the dispatcher, the settlement of failed windows, the
/// endpoint's fetch buffer, the gate on partitions dispatching at once, and where it reports an unexpected fault.
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
    Action<PartitionWorker> Faulted);
