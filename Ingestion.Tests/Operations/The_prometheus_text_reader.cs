extern alias api;

using api::Ingestion.Api.Operations;

namespace Ingestion.Tests.Operations;

[TestFixture]
public sealed class The_prometheus_text_reader
{
    private const string Exposition = """
        # HELP ingestion_worker_persisted_total New rows written to PostgreSQL.
        # TYPE ingestion_worker_persisted_total counter
        ingestion_worker_persisted_total{otel_scope_name="Ingestion.Worker"} 1200 1700000000000
        ingestion_worker_persisted_total{note="a } and a \" inside",otel_scope_name="Ingestion.Worker"} 34
        ingestion_worker_persisted_total_other 99
        ingestion_worker_blocked_seconds{partition="0"} 12.5
        ingestion_worker_blocked_seconds{partition="1"} 40
        ingestion_worker_consumer_lag NaN
        """;

    [Test]
    public void Sums_every_sample_of_a_family_whatever_its_labels_and_ignores_similar_names()
    {
        var sums = PrometheusText.Sum(Exposition, ["ingestion_worker_persisted_total"]);

        Assert.That(sums["ingestion_worker_persisted_total"], Is.EqualTo(1234));
    }

    [Test]
    public void Takes_the_largest_sample_of_a_gauge_family()
    {
        var maxima = PrometheusText.Max(Exposition, ["ingestion_worker_blocked_seconds"]);

        Assert.That(maxima["ingestion_worker_blocked_seconds"], Is.EqualTo(40));
    }

    [Test]
    public void Leaves_out_families_the_text_does_not_hold_and_reads_special_values()
    {
        var sums = PrometheusText.Sum(Exposition, ["ingestion_kafka_partition_restarts_total", "ingestion_worker_consumer_lag"]);

        Assert.That(sums.ContainsKey("ingestion_kafka_partition_restarts_total"), Is.False);
        Assert.That(sums["ingestion_worker_consumer_lag"], Is.NaN);
    }
}
