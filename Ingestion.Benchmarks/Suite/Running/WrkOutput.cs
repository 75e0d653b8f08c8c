using System.Globalization;
using System.Text.RegularExpressions;

namespace Ingestion.Benchmarks.Suite.Running;

/// <summary>What one <c>wrk --latency</c> run printed: requests/s, latency percentiles (ms), answered and failed requests.</summary>
public sealed record WrkOutput(double RequestsPerSecond, long Requests, double P50, double P90, double P99, double Max, long Non2xx, long SocketErrors)
{
    /// <summary>Requests answered with 2xx: what the API accepted.</summary>
    public long Accepted => Requests - Non2xx;

    public static WrkOutput Parse(string text)
    {
        double Latency(string percent) =>
            Match(text, $@"^\s*{percent}%\s+([\d.]+)(us|ms|s|m)\s*$") is { } m ? Milliseconds(m) : double.NaN;
        var max = Match(text, @"^\s*Latency\s+[\d.]+\w+\s+[\d.]+\w+\s+([\d.]+)(us|ms|s|m)") is { } mx ? Milliseconds(mx) : double.NaN;
        var rate = Match(text, @"^Requests/sec:\s+([\d.]+)") is { } r ? Number(r.Groups[1].Value) : throw new FormatException($"wrk printed no Requests/sec line:\n{text}");
        var requests = Match(text, @"^\s*(\d+) requests in") is { } q ? long.Parse(q.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var non2xx = Match(text, @"^\s*Non-2xx or 3xx responses:\s+(\d+)") is { } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var errors = Match(text, @"^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)") is { } e
            ? Enumerable.Range(1, 4).Sum(i => long.Parse(e.Groups[i].Value, CultureInfo.InvariantCulture)) : 0;
        return new WrkOutput(rate, requests, Latency("50"), Latency("90"), Latency("99"), max, non2xx, errors);
    }

    private static Match? Match(string text, string pattern)
    {
        var match = Regex.Match(text, pattern, RegexOptions.Multiline | RegexOptions.CultureInvariant);
        return match.Success ? match : null;
    }

    private static double Number(string value) => double.Parse(value, CultureInfo.InvariantCulture);

    private static double Milliseconds(Match match) => Number(match.Groups[1].Value) * match.Groups[2].Value switch
    {
        "us" => 0.001,
        "ms" => 1,
        "s" => 1_000,
        _ => 60_000,
    };
}
