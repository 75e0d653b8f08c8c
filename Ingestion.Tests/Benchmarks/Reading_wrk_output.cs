using Ingestion.Benchmarks.Suite.Running;

namespace Ingestion.Tests.Benchmarks;

[TestFixture]
public sealed class Reading_wrk_output
{
    private const string Output = """
        Running 10s test @ http://127.0.0.1:8075/
          2 threads and 64 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     7.11ms    4.20ms   1.02s    91.52%
            Req/Sec     4.30k   410.77     5.10k    71.00%
          Latency Distribution
             50%    6.50ms
             75%    8.10ms
             90%  950.00us
             99%   19.60ms
          85554 requests in 10.01s, 7.92MB read
          Socket errors: connect 0, read 1, write 0, timeout 3
          Non-2xx or 3xx responses: 12
        Requests/sec:   8547.30
        Transfer/sec:    810.12KB
        """;

    [Test]
    public void Takes_the_rate_the_percentiles_in_milliseconds_and_the_failures()
    {
        var wrk = WrkOutput.Parse(Output);

        Assert.Multiple(() =>
        {
            Assert.That(wrk.RequestsPerSecond, Is.EqualTo(8547.30));
            Assert.That(wrk.Requests, Is.EqualTo(85554));
            Assert.That(wrk.P50, Is.EqualTo(6.5));
            Assert.That(wrk.P90, Is.EqualTo(0.95).Within(1e-9));
            Assert.That(wrk.P99, Is.EqualTo(19.6));
            Assert.That(wrk.Max, Is.EqualTo(1020));
            Assert.That(wrk.Non2xx, Is.EqualTo(12));
            Assert.That(wrk.SocketErrors, Is.EqualTo(4));
            Assert.That(wrk.Accepted, Is.EqualTo(85542));
        });
    }

    [Test]
    public void Refuses_output_without_a_rate()
    {
        Assert.That(() => WrkOutput.Parse("unable to connect to 127.0.0.1:8075 Connection refused"), Throws.TypeOf<FormatException>());
    }
}
