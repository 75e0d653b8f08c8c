using Ingestion.Kafka.Lag;

namespace Ingestion.Tests.Ops;

[TestFixture]
public sealed class The_partition_lag
{
    [Test]
    public void Is_the_high_watermark_minus_the_committed_offset()
    {
        var lag = new PartitionLag(0, CommittedOffset: 40, LowWatermark: 0, HighWatermark: 100);

        Assert.Multiple(() =>
        {
            Assert.That(lag.Lag, Is.EqualTo(60));
            Assert.That(lag.IsTruncated, Is.False);
        });
    }

    [Test]
    public void Counts_from_the_log_start_when_the_group_never_committed()
    {
        var lag = new PartitionLag(0, CommittedOffset: null, LowWatermark: 30, HighWatermark: 100);

        Assert.That(lag.Lag, Is.EqualTo(70));
        Assert.That(lag.TruncatedRecords, Is.EqualTo(0), "no commit, nothing known to be lost");
    }

    [Test]
    public void Reports_records_the_broker_dropped_before_the_group_consumed_them()
    {
        var lag = new PartitionLag(0, CommittedOffset: 10, LowWatermark: 25, HighWatermark: 100);

        Assert.Multiple(() =>
        {
            Assert.That(lag.IsTruncated, Is.True);
            Assert.That(lag.TruncatedRecords, Is.EqualTo(15));
            Assert.That(lag.Lag, Is.EqualTo(75), "what is left to consume");
        });
    }

    [Test]
    public void Adds_up_over_partitions()
    {
        var group = new ConsumerGroupLag("g", "t", [new PartitionLag(0, 5, 0, 10), new PartitionLag(1, 1, 4, 6)]);

        Assert.Multiple(() =>
        {
            Assert.That(group.TotalLag, Is.EqualTo(7));
            Assert.That(group.TotalTruncated, Is.EqualTo(3));
        });
    }
}
