extern alias api;

using System.Text;
using Confluent.Kafka;
using api::Ingestion.Api.Admission;
using Ingestion.Kafka.Producing;

namespace Ingestion.Tests.Api;

/// <summary>The admission control's estimate of a backlog's stored bytes, from what the API produced.</summary>
[TestFixture]
public sealed class Estimating_what_a_backlog_occupies
{
    [Test]
    public void Averages_keys_values_and_headers_of_single_and_many_records_per_topic()
    {
        var volume = new ProducedVolume();
        volume.Add("metrics", Record(key: 10, value: 100, header: 20));
        volume.Add("metrics", [Record(key: 0, value: 200, header: 0), Record(key: 10, value: 300, header: 20)]);
        volume.Add("other", Record(key: 0, value: 5_000, header: 0));

        Assert.Multiple(() =>
        {
            // ("id" + 20) = 22 header bytes each: (10 + 100 + 22) + 200 + (10 + 300 + 22) over 3 records.
            Assert.That(volume.AverageRecordBytes("metrics"), Is.EqualTo((132 + 200 + 332) / 3.0));
            Assert.That(volume.AverageRecordBytes("other"), Is.EqualTo(5_000));
            Assert.That(volume.AverageRecordBytes("never-produced"), Is.Null);
        });
    }

    [Test]
    public void Counts_each_record_as_stored_alone_and_nothing_before_the_size_is_known()
    {
        Assert.Multiple(() =>
        {
            Assert.That(BacklogEstimate.StoredBytes(1_000, 200), Is.EqualTo(1_000 * (200 + BacklogEstimate.StoredOverheadPerRecord)));
            Assert.That(BacklogEstimate.StoredBytes(1_000, null), Is.Zero);
        });
    }

    private static Message<byte[]?, byte[]> Record(int key, int value, int header)
    {
        var message = new Message<byte[]?, byte[]> { Key = key == 0 ? null : new byte[key], Value = new byte[value] };
        if (header > 0) message.Headers = new Headers { { "id", Encoding.ASCII.GetBytes(new string('x', header)) } };
        return message;
    }
}
