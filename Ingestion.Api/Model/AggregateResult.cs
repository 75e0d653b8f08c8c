namespace Ingestion.Api.Model;

/// <summary>
/// Windowed aggregates of one metric name; windows with no samples are omitted. <see cref="Resolution"/> says what computed
/// them: <c>1h</c> or <c>1m</c> rollups (exact, chosen when the window and the range's ends are whole hours or minutes
/// and no percentile is asked) or <c>raw</c> rows. The same value is sent as header <c>X-Aggregate-Resolution</c>.
/// </summary>
public sealed record AggregateResult(
    string Name,
    DateTimeOffset From,
    DateTimeOffset To,
    string Window,
    IReadOnlyList<string> Functions,
    IReadOnlyList<AggregateWindowView> Windows,
    string Resolution);
