using System.Text;
using Ingestion.Kafka.Batching.Reading;
using Ingestion.Kafka.Text;

namespace Ingestion.Tests.Kafka.Reading;

[TestFixture]
public sealed class The_utf8_string_cache
{
    [Test]
    public void Returns_the_same_instance_for_a_repeated_text_and_the_right_text_when_another_took_its_slot()
    {
        var cache = new Utf8StringCache(size: 1);

        var first = cache.Get("server-01"u8);
        Assert.That(cache.Get("server-01"u8), Is.SameAs(first));
        Assert.That(cache.Get("server-02"u8), Is.EqualTo("server-02"));
        Assert.That(cache.Get("server-01"u8), Is.EqualTo("server-01"));
    }

    [Test]
    public void Decodes_non_ascii_and_long_texts_without_keeping_them()
    {
        var cache = new Utf8StringCache(size: 1);
        var longText = new string('y', Utf8StringCache.MaxLength + 1);

        Assert.That(cache.Get(Encoding.UTF8.GetBytes("Zürich")), Is.EqualTo("Zürich"));
        var once = cache.Get(Encoding.UTF8.GetBytes(longText));
        var again = cache.Get(Encoding.UTF8.GetBytes(longText));
        Assert.That(once, Is.EqualTo(longText));
        Assert.That(again, Is.Not.SameAs(once));
        Assert.That(cache.Get([]), Is.SameAs(string.Empty));
        Assert.That(() => new Utf8StringCache(size: 3), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
