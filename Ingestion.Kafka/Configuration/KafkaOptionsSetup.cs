using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingestion.Kafka.Configuration;

/// <summary>Binds <see cref="KafkaOptions"/> from the <c>Kafka</c> section when the host has a configuration (a bare service collection has none).</summary>
internal sealed class KafkaOptionsSetup(IServiceProvider services) : IConfigureOptions<KafkaOptions>
{
    public void Configure(KafkaOptions options) =>
        services.GetService<IConfiguration>()?.GetSection(KafkaOptions.SectionName).Bind(options);
}
