using Ingestion.Api.Options;

namespace Ingestion.Api.Admission;

/// <summary>Admission control on the consumers' backlog (<c>Api:Admission</c>), for every ingestion endpoint.</summary>
public static class AdmissionEndpointExtensions
{
    /// <summary>Registers admission control, and its backlog monitor when <c>Api:Admission:Enabled</c> is true.</summary>
    public static IHostApplicationBuilder AddAdmissionControl(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<AdmissionControl>();
        if (builder.Configuration.GetValue($"{ApiOptions.Section}:{nameof(ApiOptions.Admission)}:{nameof(AdmissionOptions.Enabled)}", false))
            builder.Services.AddHostedService<BacklogMonitor>();
        return builder;
    }

    /// <summary>
    /// Refuses requests to this endpoint with 503 and <c>Retry-After</c> while admission control refuses (apply it to every
    /// endpoint that accepts metrics). When admission control is off the endpoint gets no filter at all (no per-request cost).
    /// </summary>
    public static TBuilder RequireAdmission<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var admission = factory.ApplicationServices.GetRequiredService<AdmissionControl>();
            if (!admission.Options.Enabled)
                return next;
            return invocation => admission.Refusal is { } reason
                ? ValueTask.FromResult<object?>(admission.Refuse(invocation.HttpContext, reason))
                : next(invocation);
        });
}
