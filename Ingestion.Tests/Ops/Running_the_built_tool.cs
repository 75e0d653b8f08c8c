using System.Text.Json;
using Confluent.Kafka;
using Ingestion.Contracts;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Ops;

[TestFixture]
public sealed class Running_the_built_tool
{
    [Test]
    public async Task Dev_broker_writes_its_bootstrap_file_serves_the_topics_and_exits_0_on_sigterm()
    {
        var directory = Directory.CreateTempSubdirectory("ops-dev-broker-");
        var file = Path.Combine(directory.FullName, "kafka.bootstrap");
        using var broker = OpsProcess.Start("dev", "broker", "--bootstrap-file", file, "--partitions", "2");
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!File.Exists(file) && !broker.HasExited && DateTime.UtcNow < deadline) await Task.Delay(100);
            Assert.That(File.Exists(file), Is.True, "the bootstrap file appeared");
            var bootstrap = (await File.ReadAllTextAsync(file)).Trim();
            Assert.That(bootstrap, Does.Match(@"^127\.0\.0\.1:\d+"));

            using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build())
            {
                var topics = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.ToDictionary(topic => topic.Topic, topic => topic.Partitions.Count);
                Assert.That(topics[Topics.Metrics], Is.EqualTo(2));
                Assert.That(topics[Topics.MetricsDeadLetter], Is.EqualTo(2));
            }

            OpsProcess.Terminate(broker.Id);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await broker.WaitForExitAsync(timeout.Token);
            Assert.That(broker.ExitCode, Is.EqualTo(0), await broker.StandardError.ReadToEndAsync());
            Assert.That(File.Exists(file), Is.False, "the bootstrap file is removed on a clean stop");
        }
        finally
        {
            if (!broker.HasExited) broker.Kill();
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public async Task Lists_the_dead_letter_topic_as_json_lines()
    {
        var topic = await DeadLetterSamples.CreateTopicAsync();

        var result = await OpsProcess.RunAsync("dlq", "list", "--json", "--dlq-topic", topic, "--bootstrap-servers", TestInfrastructure.Kafka.BootstrapServers);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("reason").GetString()),
            Is.EqualTo(new[] { "validation", "deserialization", "exhausted", "validation", "validation" }));
    }

    [Test]
    public async Task Answers_an_unknown_command_with_usage_and_a_non_zero_exit()
    {
        var result = await OpsProcess.RunAsync("dlq", "purge");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.Error, Does.Contain("'purge'"));
        Assert.That(result.Output, Does.Contain("Usage:").And.Contain("ingestion-ops dlq"));
    }

    [Test]
    public async Task Answers_an_unknown_flag_with_a_non_zero_exit()
    {
        var result = await OpsProcess.RunAsync("lag", "--frobnicate");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.Error, Does.Contain("--frobnicate"));
    }

    [Test]
    public async Task Replay_without_a_terminal_requires_yes()
    {
        var topic = await DeadLetterSamples.CreateTopicAsync();

        var result = await OpsProcess.RunAsync("dlq", "replay", "--dlq-topic", topic, "--topic", "unused-target",
            "--replay-group", $"replay-{Guid.NewGuid():N}", "--bootstrap-servers", TestInfrastructure.Kafka.BootstrapServers);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.StartWith("error: Refusing to replay"));
    }
}
