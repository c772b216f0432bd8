using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TypedActors.Generators.Actors;

/// <summary>
/// The incremental pipeline: actors are found through their <c>[Receive]</c> methods, and, for actors with no handler,
/// through classes deriving from <c>TypedActors.Actor</c>. Each actor class is parsed once per compilation, from its
/// first handler or its first declaration, into one equatable model and one file, an invalid one too (what of it still
/// compiles); the generator reports no diagnostics (TypedActors.Analyzers does).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ActorGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for caching tests.</summary>
    public static class Steps
    {
        public const string HandlerOwners = nameof(HandlerOwners);
        public const string ActorsWithoutHandlers = nameof(ActorsWithoutHandlers);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Every [Receive] method is seen, but only an actor's first handler parses the actor; the others (and a
        // [Receive] method outside any actor, TA1004) yield nothing.
        IncrementalValuesProvider<ActorModel> handlerOwners = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ActorParser.ReceiveAttributeMetadataName,
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: ActorParser.ParseHandlerOwner)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(Steps.HandlerOwners);

        // A partial actor without handlers is parsed from its first declaration only.
        IncrementalValuesProvider<ActorModel> actorsWithoutHandlers = context.SyntaxProvider
            .CreateSyntaxProvider(
                predicate: static (node, _) => node is ClassDeclarationSyntax { BaseList: not null },
                transform: ActorParser.ParseActorWithoutHandlers)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(Steps.ActorsWithoutHandlers);

        context.RegisterSourceOutput(handlerOwners, static (output, model) => output.AddSource(model.HintName, ActorEmitter.Emit(model)));
        context.RegisterSourceOutput(actorsWithoutHandlers, static (output, model) => output.AddSource(model.HintName, ActorEmitter.Emit(model)));

        Persistence.PersistencePipeline.Register(context);
    }
}
