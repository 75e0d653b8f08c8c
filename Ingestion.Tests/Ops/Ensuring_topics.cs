using System.Text;
using System.Text.Json;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Ops;

[TestFixture]
public sealed class Ensuring_topics
{
    [Test]
    public async Task Is_idempotent_on_existing_topics_even_where_the_broker_cannot_create_topics()
    {
        var metrics = TestInfrastructure.CreateTopic("ops-ensure", partitions: 3);
        var deadLetters = TestInfrastructure.CreateTopic("ops-ensure-dlq", partitions: 3);
        var tool = OpsTool.For(metricsTopic: metrics, deadLetterTopic: deadLetters);

        var first = await tool.RunAsync("topics", "ensure");
        var second = await tool.RunAsync("topics", "ensure");

        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        Assert.That(second.Output, Does.Contain(metrics).And.Contain(deadLetters).And.Contain("exists").And.Not.Contain("created"));
    }

    [Test]
    public async Task Notes_an_existing_topic_with_fewer_partitions_than_wanted()
    {
        var metrics = TestInfrastructure.CreateTopic("ops-ensure-few", partitions: 1);
        var deadLetters = TestInfrastructure.CreateTopic("ops-ensure-few-dlq", partitions: 3);

        var result = await OpsTool.For(metricsTopic: metrics, deadLetterTopic: deadLetters).RunAsync("topics", "ensure", "--partitions", "3");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Output, Does.Contain("has 1 partitions, 3 wanted"));
    }

    [Test]
    public async Task Describe_shows_partitions_leaders_and_watermarks()
    {
        var metrics = TestInfrastructure.CreateTopic("ops-describe", partitions: 2);
        await TestKafka.ProduceAsync(metrics, 1, null, Encoding.UTF8.GetBytes("one"));
        await TestKafka.ProduceAsync(metrics, 1, null, Encoding.UTF8.GetBytes("two"));

        var result = await OpsTool.For().RunAsync("topics", "describe", metrics, "--json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var partitions = JsonDocument.Parse(result.Output).RootElement.GetProperty("partitions").EnumerateArray().ToList();
        Assert.That(partitions.Select(p => p.GetProperty("high_watermark").GetInt64()), Is.EqualTo(new long[] { 0, 2 }));
        Assert.That(partitions.Select(p => p.GetProperty("leader").GetInt32()), Is.All.EqualTo(1));
    }
}
