extern alias api;

using System.Diagnostics.Metrics;
using api::Ingestion.Api.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Operations;

[TestFixture]
public sealed class The_api_traffic_meter
{
    [Test]
    public void Reads_a_0_1_gauge_of_its_own_host_by_its_exported_prometheus_name()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var traffic = new ApiTrafficMeter(factory);
        var refusing = 1;
        var meter = factory.Create("Ingestion.Admission.Test");
        meter.CreateObservableGauge("ingestion.api.admission.refusing", () => refusing);

        var whileRefusing = traffic.Flag(ApiTrafficMeter.AdmissionRefusing);
        refusing = 0;
        var whileAccepting = traffic.Flag(ApiTrafficMeter.AdmissionRefusing);

        Assert.That(whileRefusing, Is.True);
        Assert.That(whileAccepting, Is.False);
    }

    [Test]
    public void Ignores_instruments_of_another_host_in_the_same_process()
    {
        using var ours = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var theirs = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var traffic = new ApiTrafficMeter(ours.GetRequiredService<IMeterFactory>());
        var meter = theirs.GetRequiredService<IMeterFactory>().Create("Ingestion.Api");
        meter.CreateCounter<long>("ingestion.api.metrics.accepted").Add(5);
        meter.CreateObservableGauge("ingestion.kafka.producer.breaker_open", () => 1);

        Assert.That(traffic.Accepted, Is.Zero);
        // The rider's own breaker gauge lives on a process-wide meter (closed here); the other host's open one must not count.
        Assert.That(traffic.Flag(ApiTrafficMeter.ProducerBreakerOpen), Is.Not.True);
    }

    [Test]
    public void Names_instruments_as_the_prometheus_exporter_does()
    {
        using var meter = new Meter("Ingestion.Naming.Test");

        Assert.Multiple(() =>
        {
            Assert.That(ApiTrafficMeter.PrometheusName(meter.CreateObservableGauge("ingestion.worker.blocked", () => 0.0, "s")), Is.EqualTo("ingestion_worker_blocked_seconds"));
            Assert.That(ApiTrafficMeter.PrometheusName(meter.CreateCounter<long>("ingestion.kafka.partition_restarts", "{restart}")), Is.EqualTo("ingestion_kafka_partition_restarts_total"));
            Assert.That(ApiTrafficMeter.PrometheusName(meter.CreateObservableGauge("ingestion.api.admission.refusing", () => 0)), Is.EqualTo("ingestion_api_admission_refusing"));
        });
    }
}
