using Ingestion.Kafka.Redelivery;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Kafka;

/// <summary>A failure the endpoint's <c>IsRecordFault</c> does not blame on the record is waited out, never dead-lettered.</summary>
[TestFixture]
public sealed class Waiting_out_infrastructure_faults
{
    [Test]
    public async Task Redelivers_a_non_transient_failure_that_is_not_the_records_fault_and_reports_the_endpoint_blocked_meanwhile()
    {
        var topic = TestInfrastructure.CreateTopic("blocked", partitions: 1);
        var dlq = DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        var consumed = new ConsumedMessages
        {
            // Not transient and not retried in memory: by the default rule it would be dead-lettered after its redeliveries.
            Behavior = (m, attempt) => m.Name == "waiting" && attempt <= 6 ? throw new InvalidOperationException("42P01: relation \"metrics\" does not exist") : Task.CompletedTask,
        };
        await using var host = await RiderTestHost.StartCollectingAsync(topic, group, consumed, kafka =>
        {
            kafka.UseRedelivery(r =>
            {
                r.Intervals(TimeSpan.FromMilliseconds(200));
                r.NonTransientLimit = 1;
                r.IsRecordFault = _ => false;
            });
        });

        KafkaProbe.ProduceRaw(topic, [("a", KafkaProbe.Json("""{"name":"waiting","value":1}"""), null)]);
        await Eventually.Until(() => host.Endpoint().BlockedSince is not null, TimeSpan.FromSeconds(20), "the endpoint reports itself blocked");
        var reason = host.Endpoint().BlockedReason;
        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 1, TimeSpan.FromSeconds(20), "the record was committed");

        Assert.Multiple(() =>
        {
            Assert.That(reason, Does.Contain("42P01").And.Contain("partition 0"));
            Assert.That(consumed.Attempts("waiting"), Is.EqualTo(7), "redelivered past the non-transient limit until it succeeded");
            Assert.That(host.Endpoint().BlockedSince, Is.Null, "no longer blocked");
            Assert.That(DeadLetters.Read(dlq, expected: 1, TimeSpan.FromSeconds(1)), Is.Empty);
        });
    }
}
