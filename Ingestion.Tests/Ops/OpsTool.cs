using Ingestion.Ops;
using Ingestion.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Ingestion.Tests.Ops;

/// <summary>Runs ingestion-ops in-process against the test broker, with topics and groups of the test's own.</summary>
internal sealed record OpsTool(IReadOnlyDictionary<string, string?> Settings)
{
    public static OpsTool For(string? metricsTopic = null, string? deadLetterTopic = null, string? replayGroup = null, string? connectionString = null) =>
        new(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = TestInfrastructure.Kafka.BootstrapServers,
            ["Ops:MetricsTopic"] = metricsTopic,
            ["Ops:DeadLetterTopic"] = deadLetterTopic,
            ["Ops:ReplayGroup"] = replayGroup ?? $"replay-{Guid.NewGuid():N}",
            ["ConnectionStrings:Metrics"] = connectionString,
        });

    public OpsTool With(string key, string value) => new(new Dictionary<string, string?>(Settings) { [key] = value });

    public async Task<OpsResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var overrides = new ConfigurationBuilder().AddInMemoryCollection(Settings.Where(setting => setting.Value is not null)).Build();
        var exitCode = await OpsApp.RunAsync(args, output, error, overrides);
        return new OpsResult(exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>What a command printed and returned.</summary>
internal sealed record OpsResult(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
