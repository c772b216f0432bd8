#if NET10_0_OR_GREATER
using Microsoft.OpenApi;
using TypedActors.Catalogue;

namespace TypedActors.Http;

internal static partial class GatewayOpenApi
{
    /// <summary>Writes one operation, adding the component schemas it refers to.</summary>
    private sealed class Describer(OpenApiDocument document)
    {
        private const string Json = "application/json";
        private const string ProblemJson = "application/problem+json";

        public void Describe(OpenApiOperation operation, ExposedKind kind, GatewayOperation what, MessageDescriptor? message, bool head)
        {
            operation.Tags = new HashSet<OpenApiTagReference> { new(kind.Name, document) };
            document.Tags ??= new HashSet<OpenApiTag>();
            if (!document.Tags.Any(t => t.Name == kind.Name))
            {
                document.Tags.Add(new OpenApiTag { Name = kind.Name, Description = $"'{kind.Name}' actors." });
            }

            operation.Parameters = what == GatewayOperation.List ? [Query("offset", "Ids to skip (default 0)."), Query("limit", "Ids to return.")] : [IdParameter()];
            operation.Responses = new OpenApiResponses();
            switch (what)
            {
                case GatewayOperation.List:
                    Set(operation, $"{kind.Name}_list", $"Lists live '{kind.Name}' ids, in pages.");
                    Reply(operation, "200", "A page of ids.", ListSchema());
                    break;
                case GatewayOperation.Spawn:
                    Set(operation, $"{kind.Name}_spawn", $"Spawns a '{kind.Name}' actor under the id.");
                    if (kind.CreationType is { } creation)
                    {
                        operation.RequestBody = Body(SchemaOf(creation));
                    }

                    operation.Responses["201"] = new OpenApiResponse { Description = "Spawned; Location names the actor." };
                    Problems(operation, "400", "404", "409", "413", "415");
                    break;
                case GatewayOperation.Read when head:
                    Set(operation, $"{kind.Name}_exists", $"Tests that a '{kind.Name}' actor is alive: 200, or 404 (no body either way).");
                    operation.Responses["200"] = new OpenApiResponse { Description = "Alive." };
                    operation.Responses["404"] = new OpenApiResponse { Description = "No live actor has the id." };
                    break;
                case GatewayOperation.Read:
                    Set(operation, $"{kind.Name}_get", $"Reads a snapshot of a '{kind.Name}' actor's state: its public members and those marked [State].");
                    operation.Parameters.Add(Query("timeout", "Milliseconds to wait for the snapshot."));
                    Reply(operation, "200", "The state snapshot.", new OpenApiSchema { Type = JsonSchemaType.Object });
                    Problems(operation, "400", "404", "409", "504");
                    break;
                case GatewayOperation.Kill:
                    Set(operation, $"{kind.Name}_kill", $"Kills a '{kind.Name}' actor.");
                    operation.Responses["204"] = new OpenApiResponse { Description = "Killed." };
                    Problems(operation, "400", "404");
                    break;
                default:
                    Set(operation, $"{kind.Name}_{message!.Name}",
                        message.HasReply ? $"Asks with a {message.Name} and answers the handler's reply." : $"Tells a {message.Name} (202: queued).");
                    operation.Parameters.Add(Query("timeout", "Milliseconds to wait for the reply."));
                    operation.RequestBody = Body(SchemaOf(message.MessageType));
                    if (message.HasReply)
                    {
                        Reply(operation, "200", "The handler's reply.", SchemaOf(message.ReplyType!));
                    }
                    else
                    {
                        operation.Responses["202"] = new OpenApiResponse { Description = "Queued for the actor." };
                    }

                    Problems(operation, "400", "404", "413", "415", "500", "503", "504");
                    break;
            }
        }

        private static void Set(OpenApiOperation operation, string id, string summary)
        {
            operation.OperationId = id;
            operation.Summary = summary;
        }

        private static OpenApiParameter IdParameter() => new()
        {
            Name = "id",
            In = ParameterLocation.Path,
            Required = true,
            Description = "The actor's id: letters, digits, '-', '_', '.' or '~'.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[A-Za-z0-9._~-]+$" },
        };

        private static OpenApiParameter Query(string name, string description) => new()
        {
            Name = name,
            In = ParameterLocation.Query,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0" },
        };

        private static OpenApiRequestBody Body(IOpenApiSchema schema) => new()
        {
            Content = new Dictionary<string, OpenApiMediaType> { [Json] = new() { Schema = schema } },
        };

        private static void Reply(OpenApiOperation operation, string status, string description, IOpenApiSchema schema) =>
            operation.Responses![status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { [Json] = new() { Schema = schema } },
            };

        private void Problems(OpenApiOperation operation, params string[] statuses)
        {
            foreach (string status in statuses)
            {
                operation.Responses![status] = new OpenApiResponse
                {
                    Description = "A problem (RFC 9457).",
                    Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = Component("Problem", ProblemSchema) } },
                };
            }
        }

        private static OpenApiSchema ProblemSchema() => Object(new()
        {
            ["type"] = Scalar(JsonSchemaType.String),
            ["title"] = Scalar(JsonSchemaType.String),
            ["status"] = Scalar(JsonSchemaType.Integer),
            ["detail"] = Scalar(JsonSchemaType.String),
            ["instance"] = Scalar(JsonSchemaType.String),
            ["traceId"] = Scalar(JsonSchemaType.String),
            ["field"] = Scalar(JsonSchemaType.String),
        });

        private static OpenApiSchema ListSchema() => Object(new()
        {
            ["kind"] = Scalar(JsonSchemaType.String),
            ["total"] = Scalar(JsonSchemaType.Integer),
            ["offset"] = Scalar(JsonSchemaType.Integer),
            ["limit"] = Scalar(JsonSchemaType.Integer),
            ["ids"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Scalar(JsonSchemaType.String) },
        });

        private IOpenApiSchema SchemaOf(Type type) => WireSchemas.Describe(type, this);

        /// <summary>A reference to the component <paramref name="id"/>, created by <paramref name="create"/> the first time.</summary>
        public IOpenApiSchema Component(string id, Func<OpenApiSchema> create)
        {
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            if (!document.Components.Schemas.ContainsKey(id))
            {
                var schema = new OpenApiSchema();
                document.Components.Schemas[id] = schema; // registered first, so a recursive type refers to itself
                OpenApiSchema built = create();
                document.Components.Schemas[id] = built;
            }

            return new OpenApiSchemaReference(id, document);
        }

        public static OpenApiSchema Scalar(JsonSchemaType type, string? format = null) => new() { Type = type, Format = format };

        public static OpenApiSchema Object(Dictionary<string, IOpenApiSchema> properties) =>
            new() { Type = JsonSchemaType.Object, Properties = properties };
    }
}
#endif
