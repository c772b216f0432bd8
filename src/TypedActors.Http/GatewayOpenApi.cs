using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
#if NET10_0_OR_GREATER
    private static readonly System.Reflection.MethodInfo s_describedHandler = ((RequestDelegate)DescribedHandler).Method;

    private static Task DescribedHandler(HttpContext context) => Task.CompletedTask;

#endif
    public static void Describe(
        IEndpointConventionBuilder endpoint, ExposedKind kind, GatewayOperation operation, MessageDescriptor? message = null, bool head = false)
    {
#if NET10_0_OR_GREATER
        // API descriptions are made only for endpoints whose metadata holds a handler method; a RequestDelegate
        // endpoint has none, so each gets this one (it takes only the HttpContext, so it adds no parameters).
        endpoint.WithMetadata(s_describedHandler);
        endpoint.AddOpenApiOperationTransformer((openApi, context, _) =>
        {
            new Describer(context.Document!).Describe(openApi, kind, operation, message, head);
            return Task.CompletedTask;
        });
#endif
    }
}
