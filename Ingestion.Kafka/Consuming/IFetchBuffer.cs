namespace Ingestion.Kafka.Consuming;

/// <summary>What a partition worker tells the poll loop about the records it holds.</summary>
internal interface IFetchBuffer
{
    /// <summary>A worker took <paramref name="count"/> fetched records (or dropped them on stop).</summary>
    void Taken(int count);

    /// <summary>Asks the poll thread to look at its partitions soon (resume a drained one, restart a faulted one).</summary>
    void RequestHousekeeping();
}
