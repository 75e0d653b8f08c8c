using Ingestion.Tests.Support;

namespace Ingestion.Tests;

/// <summary>Owns the real infrastructure for the whole test run and always tears it down.</summary>
[SetUpFixture]
public sealed class AssemblySetUp
{
    [OneTimeSetUp]
    public Task StartInfrastructure() => TestInfrastructure.StartAsync();

    [OneTimeTearDown]
    public Task StopInfrastructure() => TestInfrastructure.StopAsync();
}
