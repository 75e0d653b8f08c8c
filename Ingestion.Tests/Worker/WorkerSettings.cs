using Ingestion.Tests.Support;

namespace Ingestion.Tests.Worker;

/// <summary>What a test worker connects to: its own topic, group, dead-letter topic and database.</summary>
internal sealed record WorkerSettings(string Topic, string GroupId, string DeadLetterTopic, string ConnectionString)
{
    /// <summary>Extra configuration (keys with ':').</summary>
    public Dictionary<string, string> Overrides { get; init; } = [];

    public static async Task<WorkerSettings> CreateAsync(string prefix, int partitions = 3)
    {
        var topic = TestInfrastructure.CreateTopic(prefix, partitions);
        var deadLetterTopic = TestInfrastructure.CreateTopic(prefix + "-dlq", 1);
        var database = await TestInfrastructure.CreateDatabaseAsync(prefix.Replace('-', '_'));
        return new WorkerSettings(topic, $"{topic}-group", deadLetterTopic, database);
    }

    public IReadOnlyDictionary<string, string> Configuration()
    {
        var configuration = new Dictionary<string, string>
        {
            ["Kafka:BootstrapServers"] = TestInfrastructure.Kafka.BootstrapServers,
            ["ConnectionStrings:Metrics"] = ConnectionString,
            ["Storage:MigrateOnStart"] = "true",
            ["Worker:Topic"] = Topic,
            ["Worker:GroupId"] = GroupId,
            ["Worker:DeadLetterTopic"] = DeadLetterTopic,
            ["Worker:StatsInterval"] = "00:00:02",
            // Short redelivery delays keep outage tests quick; the defaults are 5 s, 30 s, 2 min.
            ["Worker:RedeliveryDelays:0"] = "00:00:01",
            ["Worker:RedeliveryDelays:1"] = "00:00:02",
        };
        foreach (var (key, value) in Overrides)
            configuration[key] = value;
        return configuration;
    }
}
