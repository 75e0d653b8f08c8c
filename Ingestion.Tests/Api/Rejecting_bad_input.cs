using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Api;

[TestFixture]
public sealed class Rejecting_bad_input : ApiFixture
{

    protected override Task<ApiApplicationFactory> StartApiAsync() =>
        ApiApplicationFactory.StartAsync("api_bad_input");

    [TestCaseSource(typeof(BadInputCases), nameof(BadInputCases.All))]
    [TestCaseSource(typeof(HostileInputCases), nameof(HostileInputCases.All))]
    public async Task Answers_a_problem_detail_naming_the_field(BadInputCase bad)
    {
        using var request = new HttpRequestMessage(new HttpMethod(bad.Method), bad.Path);
        if (bad.Body is not null || bad.Bytes is not null)
        {
            request.Content = new ByteArrayContent(bad.Bytes ?? Encoding.UTF8.GetBytes(bad.Body!));
            request.Content.Headers.ContentType = bad.ContentType is null ? null : MediaTypeHeaderValue.Parse(bad.ContentType);
        }
        if (bad.Header is not null && !request.Headers.TryAddWithoutValidation(bad.Header, bad.HeaderValue))
            request.Content!.Headers.TryAddWithoutValidation(bad.Header, bad.HeaderValue);

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(text);

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(bad.Status), text);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.RootElement.GetProperty("status").GetInt32(), Is.EqualTo(bad.Status));
            Assert.That(problem.RootElement.GetProperty("title").GetString(), Is.Not.Empty);
        });
        if (bad.Mentions is not null)
            Assert.That(problem.RootElement.GetProperty("detail").GetString(), Does.Contain(bad.Mentions), text);
        if (bad.Field is not null)
        {
            var fields = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
            Assert.That(fields, Does.Contain(bad.Field), text);
        }
    }
}
