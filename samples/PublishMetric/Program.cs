// Publishes one metric to the Ingestion pipeline the way any .NET service can: the contracts package plus a plain
// Confluent.Kafka producer. Usage: PublishMetric <bootstrap-servers> [topic] [name] [value] [label=value ...]
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Ingestion.Contracts;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: PublishMetric <bootstrap-servers> [topic] [name] [value] [label=value ...]");
    return 2;
}

var topic = args.Length > 1 ? args[1] : Topics.Metrics;
var metric = new MetricRecorded
{
    Id = Guid.CreateVersion7(),
    Name = args.Length > 2 ? args[2] : "sample_metric",
    Value = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 1.0,
    Labels = args.Skip(4).Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : ""),
    Timestamp = DateTimeOffset.UtcNow,
};

// Check before producing what the pipeline would reject anyway.
var errors = MetricValidator.Validate(metric, DateTimeOffset.UtcNow);
if (errors.Count > 0)
{
    foreach (var error in errors) Console.Error.WriteLine($"{error.Field}: {error.Message}");
    return 1;
}

var config = new ProducerConfig { BootstrapServers = args[0], Acks = Acks.All, EnableIdempotence = true, MessageTimeoutMs = 15_000 };
using var producer = new ProducerBuilder<string, byte[]>(config).Build();
var result = await producer.ProduceAsync(topic, new Message<string, byte[]>
{
    Key = SeriesKey.For(metric),
    Value = JsonSerializer.SerializeToUtf8Bytes(metric, JsonSerializerOptions.Web),
    Headers = new Headers
    {
        { RecordHeaders.ContentType, Encoding.UTF8.GetBytes(RecordContentTypes.Json) },
        { RecordHeaders.MessageId, Encoding.UTF8.GetBytes(metric.Id.Value.ToString()) },
    },
});

Console.WriteLine($"published {metric.Id} to {result.TopicPartitionOffset} with key {result.Message.Key}");
return 0;
