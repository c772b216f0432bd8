#if NET10_0_OR_GREATER
using System.Collections.Immutable;
using Microsoft.OpenApi;
using TypedActors.Catalogue;

namespace TypedActors.Http;

internal static partial class GatewayOpenApi
{
    /// <summary>
    /// The JSON schema of a type as the gateway writes and reads it: generated messages as objects keyed by member name
    /// (from <see cref="MessageSchemas"/>), decimals as strings (numbers accepted), enums as numbers, tuples as arrays,
    /// addresses in the gateway's form. Only type identity and generic arguments are looked at, never members.
    /// </summary>
    private static class WireSchemas
    {
        private static readonly Dictionary<Type, Func<OpenApiSchema>> s_scalars = new()
        {
            [typeof(bool)] = () => Describer.Scalar(JsonSchemaType.Boolean),
            [typeof(byte)] = () => Describer.Scalar(JsonSchemaType.Integer, "int32"),
            [typeof(sbyte)] = () => Describer.Scalar(JsonSchemaType.Integer, "int32"),
            [typeof(short)] = () => Describer.Scalar(JsonSchemaType.Integer, "int32"),
            [typeof(ushort)] = () => Describer.Scalar(JsonSchemaType.Integer, "int32"),
            [typeof(int)] = () => Describer.Scalar(JsonSchemaType.Integer, "int32"),
            [typeof(uint)] = () => Describer.Scalar(JsonSchemaType.Integer, "int64"),
            [typeof(long)] = () => Describer.Scalar(JsonSchemaType.Integer, "int64"),
            [typeof(ulong)] = () => Describer.Scalar(JsonSchemaType.Integer),
            [typeof(float)] = () => Describer.Scalar(JsonSchemaType.Number, "float"),
            [typeof(double)] = () => Describer.Scalar(JsonSchemaType.Number, "double"),
            [typeof(decimal)] = () => new OpenApiSchema
            {
                Type = JsonSchemaType.String | JsonSchemaType.Number,
                Description = "A decimal: replies write it as a string, bodies may send a number or a string.",
            },
            [typeof(string)] = () => Describer.Scalar(JsonSchemaType.String),
            [typeof(char)] = () => Describer.Scalar(JsonSchemaType.String),
            [typeof(Guid)] = () => Describer.Scalar(JsonSchemaType.String, "uuid"),
            [typeof(byte[])] = () => Describer.Scalar(JsonSchemaType.String, "byte"),
        };

        private static readonly HashSet<Type> s_sequences =
        [
            typeof(List<>), typeof(HashSet<>), typeof(IEnumerable<>), typeof(IReadOnlyCollection<>), typeof(IReadOnlyList<>),
            typeof(IList<>), typeof(ICollection<>), typeof(ImmutableArray<>), typeof(ImmutableList<>), typeof(ImmutableHashSet<>),
        ];

        private static readonly HashSet<Type> s_dictionaries =
            [typeof(Dictionary<,>), typeof(IDictionary<,>), typeof(IReadOnlyDictionary<,>), typeof(ImmutableDictionary<,>)];

        public static IOpenApiSchema Describe(Type type, Describer describer)
        {
            if (s_scalars.TryGetValue(type, out Func<OpenApiSchema>? scalar))
            {
                return scalar();
            }

            if (type.IsEnum)
            {
                return new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "An enum, by its number." };
            }

            if (type == typeof(Address) || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ActorRef<>)))
            {
                return describer.Component("ActorAddress", AddressSchema);
            }

            if (type.IsArray)
            {
                return new OpenApiSchema { Type = JsonSchemaType.Array, Items = Describe(type.GetElementType()!, describer) };
            }

            if (type.IsGenericType)
            {
                Type definition = type.GetGenericTypeDefinition();
                Type[] arguments = type.GetGenericArguments();
                if (definition == typeof(Nullable<>))
                {
                    return Describe(arguments[0], describer);
                }

                if (s_sequences.Contains(definition))
                {
                    return new OpenApiSchema { Type = JsonSchemaType.Array, Items = Describe(arguments[0], describer) };
                }

                if (s_dictionaries.Contains(definition))
                {
                    return new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = Describe(arguments[1], describer) };
                }

                if (type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true
                    || type.FullName?.StartsWith("System.Tuple`", StringComparison.Ordinal) == true)
                {
                    return new OpenApiSchema
                    {
                        Type = JsonSchemaType.Array,
                        MinItems = arguments.Length,
                        MaxItems = arguments.Length,
                        Items = new OpenApiSchema { AnyOf = [.. arguments.Select(a => Describe(a, describer))] },
                        Description = "A tuple: its items in order.",
                    };
                }
            }

            if (MessageSchemas.TryGetMembers(type, out IReadOnlyList<MessageMember>? members))
            {
                return describer.Component(ComponentId(type), () => Describer.Object(
                    members.ToDictionary(m => m.Name, m => Describe(m.Type, describer), StringComparer.Ordinal)));
            }

            return new OpenApiSchema { Description = "A value without a generated description." };
        }

        /// <summary>The type's name, made unique (and valid as a component key) with its namespace.</summary>
        private static string ComponentId(Type type) =>
            (type.FullName ?? type.Name).Replace('+', '.').Replace('`', '_');

        private static OpenApiSchema AddressSchema() => new()
        {
            Description = "An actor the gateway exposes, by kind and id; any other actor is written as {\"$unexposed\": true} and cannot be sent.",
            OneOf =
            [
                new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "kind", "id" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["kind"] = Describer.Scalar(JsonSchemaType.String),
                        ["id"] = Describer.Scalar(JsonSchemaType.String),
                    },
                    AdditionalProperties = new OpenApiSchema { Not = new OpenApiSchema() },
                },
                new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "$unexposed" },
                    Properties = new Dictionary<string, IOpenApiSchema> { ["$unexposed"] = Describer.Scalar(JsonSchemaType.Boolean) },
                },
            ],
        };
    }
}
#endif
