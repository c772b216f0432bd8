using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Persistence;

/// <summary>
/// The persistence pipeline of the actor generator: each <c>[Persistent]</c> class yields an equatable
/// <see cref="PersistentActorModel"/> and one file. Registered by <see cref="ActorGenerator"/>; the event and field
/// types it names get their formatters from the copy pipeline (<see cref="PersistedTypesParser"/>).
/// </summary>
internal static class PersistencePipeline
{
    /// <summary>Tracking name of the step, for caching tests.</summary>
    public const string PersistentActorsStep = "PersistentActors";

    public static void Register(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<PersistentActorModel> actors = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                PersistenceShape.PersistentAttributeMetadataName,
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: PersistentActorParser.Parse)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(PersistentActorsStep);

        context.RegisterSourceOutput(actors, static (output, model) => output.AddSource(model.HintName, PersistenceEmitter.Emit(model)));
    }
}
