using System.Runtime.Serialization;
using System.Text;
using Confluent.Kafka;
using Ingestion.Contracts;
using Ingestion.Kafka.Batching;

namespace Ingestion.Tests.Kafka.Reading;

[TestFixture]
public sealed class Reading_record_values
{
    private static ConsumeResult<byte[]?, byte[]> Record(string json, string? contentType = null)
    {
        var headers = new Headers();
        if (contentType is not null) headers.Add("content-type", Encoding.ASCII.GetBytes(contentType));
        return new ConsumeResult<byte[]?, byte[]>
        {
            TopicPartitionOffset = new TopicPartitionOffset("t", 0, 1),
            Message = new Message<byte[]?, byte[]> { Value = Encoding.UTF8.GetBytes(json), Headers = headers },
        };
    }

    private static MetricRecorded Read(string json, string? contentType = null) => RecordMessageReader<MetricRecorded>.Read(Record(json, contentType));

    [Test]
    public void Shares_one_instance_of_a_name_and_of_label_texts_that_records_repeat()
    {
        const string json = """{"name":"shared_cpu","value":1,"labels":{"shared_host":"shared-server-01","region":"eu-west"}}""";

        var first = Read(json);
        var second = Read(json);

        Assert.That(second.Name, Is.SameAs(first.Name));
        Assert.That(second.Labels!.Keys.First(), Is.SameAs(first.Labels!.Keys.First()));
        Assert.That(second.Labels["shared_host"], Is.SameAs(first.Labels["shared_host"]));
        Assert.That(second.Labels, Is.EqualTo(new Dictionary<string, string> { ["shared_host"] = "shared-server-01", ["region"] = "eu-west" }));
    }

    [Test]
    public void Reads_escaped_non_ascii_empty_and_long_texts_as_written()
    {
        var longValue = new string('x', 200);
        var json = $$$"""{"name":"caf\u00e9_temp","value":1,"labels":{"ort":"Zürich","quote":"a\"b","empty":"","long":"{{{longValue}}}","none":null}}""";

        var metric = Read(json);

        Assert.That(metric.Name, Is.EqualTo("café_temp"));
        Assert.That(metric.Labels!["ort"], Is.EqualTo("Zürich"));
        Assert.That(metric.Labels["quote"], Is.EqualTo("a\"b"));
        Assert.That(metric.Labels["empty"], Is.EqualTo(string.Empty));
        Assert.That(metric.Labels["long"], Is.EqualTo(longValue));
        Assert.That(metric.Labels["none"], Is.Null);
        Assert.That(metric.Labels.Keys, Is.EqualTo(new[] { "ort", "quote", "empty", "long", "none" }));
    }

    [Test]
    public void Finds_labels_in_any_case_and_refuses_a_key_given_twice_in_any_case_or_blank()
    {
        var metric = Read("""{"name":"m","value":1,"labels":{"Host":"a"}}""");

        Assert.That(metric.Labels!["host"], Is.EqualTo("a"));
        Assert.That(metric.Labels, Is.InstanceOf<Dictionary<string, string>>());
        Assert.That(() => Read("""{"name":"m","value":1,"labels":{"host":"a","HOST":"b"}}"""), Throws.ArgumentException);
        Assert.That(() => Read("""{"name":"m","value":1,"labels":{" ":"a"}}"""), Throws.InstanceOf<System.Text.Json.JsonException>());
        Assert.That(() => Read("""{"name":"m","value":1,"labels":{"host":1}}"""), Throws.Exception);
        Assert.That(() => Read("""{"name":2,"value":1}"""), Throws.InstanceOf<System.Text.Json.JsonException>());
    }

    [Test]
    public void Reads_the_content_type_in_any_case_with_parameters_and_refuses_one_it_does_not_know()
    {
        Assert.That(Read("""{"name":"raw","value":1}""", "Application/JSON; charset=utf-8").Name, Is.EqualTo("raw"));
        Assert.That(Read("""{"message":{"name":"wrapped","value":2}}""", "APPLICATION/vnd.masstransit+json").Name, Is.EqualTo("wrapped"));
        Assert.That(() => Read("""{"name":"x","value":1}""", "text/plain"),
            Throws.InstanceOf<SerializationException>().With.Message.Contains("'text/plain'"));
    }
}
