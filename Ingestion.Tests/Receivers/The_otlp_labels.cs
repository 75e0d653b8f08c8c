extern alias api;

using api::Ingestion.Api.Receivers.Otlp;
using api::Ingestion.Api.Receivers.Otlp.Protocol;

namespace Ingestion.Tests.Receivers;

/// <summary>Which attributes become labels when an OTLP point has more than 32 candidates.</summary>
[TestFixture]
public sealed class The_otlp_labels
{
    [Test]
    public void Keep_job_and_instance_then_point_attributes_by_key_then_the_scope_up_to_32()
    {
        var resource = new Resource();
        resource.Attributes.Add(Attribute("service.name", "api"));
        resource.Attributes.Add(Attribute("service.instance.id", "pod-1"));
        resource.Attributes.Add(Attribute("host.name", "node-7"));
        var scope = new InstrumentationScope { Name = "Ingestion.Api", Version = "1.0" };
        var attributes = Enumerable.Range(0, 40).Select(i => Attribute($"attr.{i:00}", $"v{i}")).Reverse().ToList();
        attributes.Add(Attribute("job", "overridden"));

        var labels = OtlpLabels.For(resource, scope).Build(attributes, reserved: 0);

        Assert.Multiple(() =>
        {
            Assert.That(labels, Has.Count.EqualTo(32));
            Assert.That(labels["job"], Is.EqualTo("api"), "the resource's job wins over a point attribute named job");
            Assert.That(labels["instance"], Is.EqualTo("pod-1"));
            Assert.That(labels.Keys, Does.Contain("attr_00").And.Contain("attr_29").And.Not.Contain("attr_30"), "point attributes by key");
            Assert.That(labels.Keys, Does.Not.Contain("otel_scope_name").And.Not.Contain("host_name"), "scope last; other resource attributes dropped");
        });
    }

    [Test]
    public void Leave_room_for_le_and_add_the_scope_when_there_is_room()
    {
        var labels = OtlpLabels.For(null, new InstrumentationScope { Name = "meter" }).Build([Attribute("route", "/a")], reserved: 1);

        Assert.That(labels, Is.EquivalentTo(new Dictionary<string, string> { ["route"] = "/a", ["otel_scope_name"] = "meter" }));
    }

    private static KeyValue Attribute(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };
}
