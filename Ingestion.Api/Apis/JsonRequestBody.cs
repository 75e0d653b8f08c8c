using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ingestion.Api.Apis;

/// <summary>
/// Documents a JSON request body in OpenAPI without <c>Accepts</c> metadata. With that metadata routing itself answers 415
/// to other content types, before endpoint filters run: a request without an API key learnt "415" instead of "401", and
/// the refusal bypassed our problem detail and rejection counter. The handlers check the content type themselves.
/// </summary>
internal static class JsonRequestBody
{
    public static RouteHandlerBuilder DocumentsJsonBody<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        });
}
