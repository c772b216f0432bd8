using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedActors.Generators.Actors;
using TypedActors.Generators.Schemas;
using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Messages;

/// <summary>
/// The copy-on-send pipeline: from every <c>[Receive]</c> handler's message and reply types it emits one file per
/// object-shaped message type (deep copier, MessagePack formatter, immutability verdict) and one registry file whose
/// module initializer registers them. Kept apart from the actor pipeline: the two meet only at run time, through
/// <c>Copier&lt;T&gt;</c>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class MessageCopyGenerator : IIncrementalGenerator
{
    private const string ActorMessageAttributeMetadataName = "TypedActors.ActorMessageAttribute";

    /// <summary>Tracking names of the pipeline steps, for caching tests.</summary>
    public static class Steps
    {
        public const string HandlerMessageTypes = nameof(HandlerMessageTypes);
        public const string MarkedMessageTypes = nameof(MarkedMessageTypes);
        public const string MessageTypeSet = nameof(MessageTypeSet);
        public const string MessageTypeModels = nameof(MessageTypeModels);
        public const string ClosedActorTypes = nameof(ClosedActorTypes);
        public const string PersistedTypes = nameof(PersistedTypes);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<HandlerMessageTypes> handlers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ActorParser.ReceiveAttributeMetadataName,
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: HandlerTypesParser.Parse)
            .WithTrackingName(Steps.HandlerMessageTypes);

        context.ReportDiagnostics(handlers.Select(static (h, _) => h.Diagnostics));

        // Types marked [ActorMessage] are roots too: messages that cross a boundary without a handler taking them.
        IncrementalValuesProvider<HandlerMessageTypes> marked = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ActorMessageAttributeMetadataName,
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: HandlerTypesParser.ParseMarkedType)
            .WithTrackingName(Steps.MarkedMessageTypes);

        context.ReportDiagnostics(marked.Select(static (h, _) => h.Diagnostics));

        // A generic actor named with type arguments (Cache<string, int>) roots the closed message types of its handlers.
        // Each closed actor type counts once, and reports its problems where it is first named.
        IncrementalValueProvider<ImmutableArray<HandlerMessageTypes>> closed = context.SyntaxProvider
            .CreateSyntaxProvider(
                predicate: static (node, _) => ClosedActorNames.MayNameAType(node),
                transform: HandlerTypesParser.ParseClosedActor)
            .Where(static result => result is not null)
            .Select(static (result, _) => result!.Value)
            .WithTrackingName(Steps.ClosedActorTypes)
            .Collect()
            .Select(static (all, _) => ClosedActorNames.FirstOfEach(all));

        context.ReportDiagnostics(closed.SelectMany(static (all, _) => all).Select(static (h, _) => h.Diagnostics));

        // A [Persistent] actor's event types and persisted member types are roots too: they are stored by their formatters.
        IncrementalValuesProvider<HandlerMessageTypes> persisted = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                PersistenceShape.PersistentAttributeMetadataName,
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: Persistence.PersistedTypesParser.Parse)
            .WithTrackingName(Steps.PersistedTypes);

        context.ReportDiagnostics(persisted.Select(static (h, _) => h.Diagnostics));

        IncrementalValueProvider<MessageTypeSet> set = handlers.Collect()
            .Combine(marked.Collect())
            .Combine(closed)
            .Combine(persisted.Collect())
            .Select(static (pair, _) => Merge(pair.Left.Left.Left.AddRange(pair.Left.Left.Right).AddRange(pair.Left.Right).AddRange(pair.Right)))
            .WithTrackingName(Steps.MessageTypeSet);

        IncrementalValuesProvider<MessageTypeModel> models = set
            .SelectMany(static (s, _) => s.Models)
            .WithTrackingName(Steps.MessageTypeModels);

        context.RegisterSourceOutput(models, static (output, model) => output.AddSource(model.HintName, MessageFileEmitter.Emit(model)));
        context.RegisterSourceOutput(set, static (output, s) =>
        {
            if (!s.Types.IsEmpty || !s.Models.IsEmpty)
            {
                output.AddSource(RegistryEmitter.HintName, RegistryEmitter.Emit(s));
            }

            if (SchemaRegistryEmitter.HasSchemas(s))
            {
                output.AddSource(SchemaRegistryEmitter.HintName, SchemaRegistryEmitter.Emit(s));
            }
        });
    }

    private static MessageTypeSet Merge(ImmutableArray<HandlerMessageTypes> handlers)
    {
        var models = new Dictionary<string, MessageTypeModel>();
        var hints = new HashSet<string>();
        foreach (MessageTypeModel model in handlers.SelectMany(h => h.Models))
        {
            if (!models.ContainsKey(model.Id) && hints.Add(model.HintName))
            {
                models.Add(model.Id, model);
            }
        }

        MessageTypeModel[] ordered = [.. models.Values.OrderBy(m => m.Id, System.StringComparer.Ordinal)];
        return new MessageTypeSet(
            RegistryEmitter.Closure(handlers.SelectMany(h => h.Roots), ordered).ToEquatableArray(),
            ordered.ToEquatableArray());
    }
}
