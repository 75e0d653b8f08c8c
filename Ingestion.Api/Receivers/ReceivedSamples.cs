using Ingestion.Api.Receivers.KnownSeries;
using Ingestion.Contracts;

namespace Ingestion.Api.Receivers;

/// <summary>
/// The samples one receiver request turns into: each validated by the shared <see cref="MetricValidator"/> and given a
/// deterministic id; valid ones collected for one produce, invalid ones counted with the first few reasons.
/// </summary>
internal sealed class ReceivedSamples(int maxSamples, DateTimeOffset now, TimeSpan maxAge)
{
    private const int KeptReasons = 5;
    private readonly List<string> reasons = [];

    public List<MetricRecorded> Accepted { get; } = new(Math.Min(maxSamples, 1024));

    /// <summary>Points or samples refused by validation (the request goes on without them).</summary>
    public int Rejected { get; private set; }

    /// <summary>Points dropped on purpose: staleness markers and points flagged as having no recorded value.</summary>
    public int Dropped { get; private set; }

    /// <summary>More than <c>maxSamples</c> samples: the whole request is refused (413) and nothing is produced.</summary>
    public bool OverLimit { get; private set; }

    public int MaxSamples => maxSamples;

    public IReadOnlyList<string> Reasons => reasons;

    /// <summary>Adds one sample taken at <paramref name="unixNanos"/>; false when it was refused or the request is over its limit.</summary>
    public bool Add(string name, double value, IReadOnlyDictionary<string, string> labels, long unixNanos) =>
        Add(name, value, labels, null, unixNanos);

    /// <summary>
    /// Adds one sample of a series whose labels, key and id input were worked out already (<see cref="SeriesLabels"/>):
    /// the same message, id and verdict as <see cref="Add(string, double, IReadOnlyDictionary{string, string}, long)"/> with its name and labels.
    /// </summary>
    public bool Add(SeriesLabels series, double value, long unixNanos) => Add(series.Name, value, series, series, unixNanos);

    private bool Add(string name, double value, IReadOnlyDictionary<string, string> labels, SeriesLabels? series, long unixNanos)
    {
        if (Accepted.Count + Rejected >= maxSamples)
        {
            OverLimit = true;
            return false;
        }
        // Any positive 64-bit nanosecond count (up to the year 2262) is a valid DateTimeOffset; the validator then applies the window.
        if (unixNanos <= 0)
        {
            Reject($"{name}: the point's time is missing or out of range.");
            return false;
        }
        var message = new MetricRecorded
        {
            Id = series is not null ? PointIds.For(series.IdInput, unixNanos) : PointIds.For(name, labels, unixNanos),
            Name = name,
            Value = value,
            Labels = labels,
            Timestamp = new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + (unixNanos / 100), TimeSpan.Zero),
            ReceivedAt = now,
        };
        var errors = MetricValidator.Validate(message, now, maxAge);
        if (errors.Count > 0)
        {
            Reject($"{name}: {errors[0].Field}: {errors[0].Message}");
            return false;
        }
        Accepted.Add(message);
        return true;
    }

    /// <summary>Counts a refused point with its reason (only the first few reasons are kept).</summary>
    public void Reject(string reason)
    {
        Rejected++;
        if (reasons.Count < KeptReasons)
            reasons.Add(reason);
    }

    public void Drop() => Dropped++;

    /// <summary>One sentence for the client: how many were refused, and the first reasons.</summary>
    public string Describe() =>
        $"{Rejected} of {Accepted.Count + Rejected} samples were refused (the others were accepted): {string.Join(" ", reasons)}";
}
