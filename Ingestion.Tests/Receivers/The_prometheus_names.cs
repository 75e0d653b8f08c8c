extern alias api;

using api::Ingestion.Api.Receivers.Otlp;

namespace Ingestion.Tests.Receivers;

/// <summary>OpenTelemetry's Prometheus-compatibility naming as the OTLP receiver applies it.</summary>
[TestFixture]
public sealed class The_prometheus_names
{
    [TestCase("http.server.request.duration", "s", false, false, "http_server_request_duration_seconds")]
    [TestCase("ingestion.api.metrics.accepted", "{metric}", false, true, "ingestion_api_metrics_accepted_total")]
    [TestCase("requests_total", "1", false, true, "requests_total")]
    [TestCase("cpu.utilization", "1", true, false, "cpu_utilization_ratio")]
    [TestCase("memory.usage", "By", true, false, "memory_usage_bytes")]
    [TestCase("throughput", "By/s", true, false, "throughput_bytes_per_second")]
    [TestCase("queue..depth--now", "", true, false, "queue_depth_now")]
    [TestCase("2xx.responses", "", false, true, "_2xx_responses_total")]
    [TestCase("latency_seconds", "s", false, false, "latency_seconds")]
    [TestCase("temperature", "Cel", true, false, "temperature_celsius")]
    public void Sanitise_the_name_and_add_the_unit_and_total_suffixes(string name, string unit, bool gauge, bool monotonic, string expected) =>
        Assert.That(PrometheusNames.Metric(name, unit, gauge, monotonic), Is.EqualTo(expected));

    [TestCase("http.route", "http_route")]
    [TestCase("service-name", "service_name")]
    [TestCase("9lives", "key_9lives")]
    [TestCase("a:b", "a_b")]
    public void Turn_attribute_keys_into_label_keys(string key, string expected) =>
        Assert.That(PrometheusNames.LabelKey(key), Is.EqualTo(expected));

    [Test]
    public void Turn_a_repeated_attribute_key_into_one_shared_label_key()
    {
        // Exporters repeat the same dotted keys (http.request.method, ...) on every point of every export.
        var first = PrometheusNames.LabelKey(new string("http.request.method".AsSpan()));
        var again = PrometheusNames.LabelKey(new string("http.request.method".AsSpan()));

        Assert.That(again, Is.EqualTo("http_request_method").And.SameAs(first));
    }
}
