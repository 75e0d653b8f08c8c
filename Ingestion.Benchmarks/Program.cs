using Ingestion.Benchmarks;
using Ingestion.Benchmarks.Kafka;
using Ingestion.Benchmarks.Worker;

// Small console runner: `dotnet run -c Release --project Ingestion.Benchmarks -- <benchmark> [--option value ...]`.
var benchmarks = new Dictionary<string, Func<BenchmarkArguments, Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["kafka-produce"] = ProduceThroughput.RunAsync,
    ["kafka-consume"] = ConsumeThroughput.RunAsync,
    ["kafka-broker"] = BrokerProcess.RunAsync,
    ["worker"] = WorkerThroughput.RunAsync,
    ["worker-write"] = WriterComparison.RunAsync,
    ["api-broker"] = Ingestion.Benchmarks.Api.ApiBenchmarkBroker.RunAsync,
    ["api-rate"] = Ingestion.Benchmarks.Api.ConstantRateLoad.RunAsync,
    ["storage"] = Ingestion.Benchmarks.Storage.StorageQueries.RunAsync,
    ["storage-write"] = Ingestion.Benchmarks.Storage.RollupWriteCost.RunAsync,
    ["suite"] = Ingestion.Benchmarks.Suite.BenchSuite.RunAsync,
    ["suite-compare"] = Ingestion.Benchmarks.Suite.CompareCommand.RunAsync,
    ["receiver-bodies"] = Ingestion.Benchmarks.Receivers.ReceiverBodyWriter.RunAsync,
    ["receiver-cpu"] = Ingestion.Benchmarks.Receivers.ReceiverMappingCost.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: Ingestion.Benchmarks <{string.Join('|', benchmarks.Keys)}> [--name value ...]");
    return 2;
}
return await run(BenchmarkArguments.Parse(args.AsSpan(1)));
