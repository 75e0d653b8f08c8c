using Ingestion.Contracts;

namespace Ingestion.Tests.Worker;

/// <summary>Produces <c>total</c> metrics in chunks with a pause between them, so a worker consumes while it runs.</summary>
internal sealed class BackgroundLoad
{
    private readonly MetricRecorded[] metrics;
    private int produced;

    private BackgroundLoad(MetricRecorded[] metrics, Task completion)
    {
        this.metrics = metrics;
        Completion = completion;
    }

    /// <summary>Every metric of the load; every third has no id (the worker derives it from the record).</summary>
    public IReadOnlyList<MetricRecorded> Metrics => metrics;

    public IEnumerable<Guid> SuppliedIds => metrics.Where(m => m.Id is not null).Select(m => m.Id!.Value);

    public Task Completion { get; private set; }

    public int Produced => Volatile.Read(ref produced);

    public static BackgroundLoad Start(string topic, string name, int total, int chunk, TimeSpan pause)
    {
        var metrics = Enumerable.Range(0, total).Select(i => RawTopic.Metric(name, i, withId: i % 3 != 0)).ToArray();
        var load = new BackgroundLoad(metrics, Task.CompletedTask);
        load.Completion = Task.Run(async () =>
        {
            using var producer = RawTopic.CreateProducer();
            foreach (var part in metrics.Chunk(chunk))
            {
                await RawTopic.ProduceAsync(topic, part, producer);
                Interlocked.Add(ref load.produced, part.Length);
                await Task.Delay(pause);
            }
        });
        return load;
    }
}
