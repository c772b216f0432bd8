using Microsoft.AspNetCore.Builder;
using TypedActors.Catalogue;

namespace TypedActors.Http;

/// <summary>
/// Describes each gateway endpoint in the application's OpenAPI document (<c>AddOpenApi()</c> and <c>MapOpenApi()</c>
/// of Microsoft.AspNetCore.OpenApi, .NET 10): its operation id, parameters, and the JSON schemas of its request body
/// and reply, built from the generated catalogue and <see cref="MessageSchemas"/> when the document is generated. On
/// .NET 8 the endpoints carry no description.
/// </summary>
internal static partial class GatewayOpenApi
{
    public static void Describe(
        IEndpointConventionBuilder endpoint, ExposedKind kind, GatewayOperation operation, MessageDescriptor? message = null, bool head = false)
    {
#if NET10_0_OR_GREATER
        endpoint.AddOpenApiOperationTransformer((openApi, context, _) =>
        {
            new Describer(context.Document!).Describe(openApi, kind, operation, message, head);
            return Task.CompletedTask;
        });
#endif
    }
}
