using Confluent.Kafka;

namespace Ingestion.Kafka.Producing;

/// <summary>Collects the delivery reports of one ProduceMany: which indexes were acknowledged, and the first error.</summary>
internal sealed class DeliveryBatch(int count)
{
    private readonly bool[] acknowledged = new bool[count];
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int pending = count;

    public Task Completion => completion.Task;

    public Error? FirstError { get; private set; }

    public void Report(int index, Error error)
    {
        if (error.IsError)
        {
            lock (acknowledged) FirstError ??= error;
        }
        else
        {
            Volatile.Write(ref acknowledged[index], true);
        }
        if (Interlocked.Decrement(ref pending) == 0)
            completion.TrySetResult();
    }

    public IReadOnlyCollection<int> AcknowledgedIndexes()
    {
        var indexes = new List<int>();
        for (var i = 0; i < acknowledged.Length; i++)
        {
            if (Volatile.Read(ref acknowledged[i])) indexes.Add(i);
        }
        return indexes;
    }
}
