using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Ingestion.Storage;

/// <summary>
/// Checks <c>Storage:Retention</c> on start, against itself and against the oldest metric the edge accepts
/// (<c>Api:MaxMetricAge</c>, <c>Worker:MaxMetricAge</c>; 7 days when unset), and says exactly what is wrong.
/// </summary>
internal sealed class StorageOptionsValidator(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var problem = options.Retention.Problem(MaxMetricAge("Api"), MaxMetricAge("Worker"));
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }

    private TimeSpan MaxMetricAge(string section) =>
        configuration.GetValue<TimeSpan?>($"{section}:MaxMetricAge") ?? Contracts.MetricLimits.DefaultMaxAge;
}
