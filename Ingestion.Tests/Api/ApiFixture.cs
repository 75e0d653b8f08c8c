using Ingestion.Tests.Support;

namespace Ingestion.Tests.Api;

/// <summary>
/// One API host per fixture, started before its tests and stopped after them. A derived fixture says how to start it
/// (<see cref="StartApiAsync"/>); its own <c>[OneTimeSetUp]</c>, if any, runs once the API is up.
/// </summary>
public abstract class ApiFixture
{
    protected ApiApplicationFactory Api { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartApi()
    {
        Api = await StartApiAsync();
        Client = Api.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopApi()
    {
        Client.Dispose();
        await Api.DisposeAsync();
    }

    /// <summary>Starts this fixture's API (its topic prefix, settings and connection string).</summary>
    protected abstract Task<ApiApplicationFactory> StartApiAsync();
}
