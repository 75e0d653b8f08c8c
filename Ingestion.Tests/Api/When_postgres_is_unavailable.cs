using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Api;

[TestFixture]
public sealed class When_postgres_is_unavailable : ApiFixture
{

    protected override Task<ApiApplicationFactory> StartApiAsync() =>
        ApiApplicationFactory.StartAsync("api_pg_down", connectionString: $"Host=127.0.0.1;Port={ClosedPort()};Username=nobody;Password=none;Database=none;Timeout=2");

    [TestCase("/api/v1/metrics?limit=10")]
    [TestCase("/api/v1/metrics/cpu/aggregate?window=1m")]
    public async Task Queries_answer_503_with_a_problem_detail(string path)
    {
        using var response = await Client.GetAsync(path);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(response.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(problem.RootElement.GetProperty("title").GetString(), Does.Contain("store"));
        });
    }

    [Test]
    public async Task Readiness_reports_unavailable()
    {
        using var response = await Client.GetAsync("/health/ready");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    [Test]
    public async Task Readiness_names_the_failing_check_without_the_database_error_text()
    {
        using var response = await Client.GetAsync("/health/ready");
        var text = await response.Content.ReadAsStringAsync();
        using var report = JsonDocument.Parse(text);
        var check = report.RootElement.GetProperty("checks").GetProperty("postgresql");

        Assert.Multiple(() =>
        {
            Assert.That(check.GetProperty("status").GetString(), Is.EqualTo("Unhealthy"));
            Assert.That(check.GetProperty("error").GetString(), Is.EqualTo("NpgsqlException"), "the kind of failure, for the operator");
            Assert.That(text, Does.Not.Contain("127.0.0.1").And.Not.Contain("onnect"), "addresses and driver messages stay in the log");
        });
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
