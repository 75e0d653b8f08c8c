using Ingestion.Benchmarks.Suite.Report;
using Ingestion.Benchmarks.Suite.Running;

namespace Ingestion.Benchmarks.Suite.Phases;

/// <summary>
/// A load phase against the running API. To measure another ingestion endpoint (a receiver), add a class and list it in
/// <see cref="ApiPhases.All"/>; a phase whose endpoint the API does not serve reports itself as skipped.
/// </summary>
internal interface IApiPhase
{
    string Key { get; }
    string Title { get; }

    /// <summary>How the phase measures, with its command line, for the report.</summary>
    string Method(SuiteContext context);

    /// <summary>Runs the phase's repetitions, filling <paramref name="result"/>; returns how many metrics the API accepted (202).</summary>
    Task<long> RunAsync(SuiteContext context, ServiceProcess api, Uri baseUrl, PhaseResult result);
}
