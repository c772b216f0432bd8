using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Actors;

/// <summary>
/// The incremental pipeline: actors are found through their <c>[Receive]</c> methods, and, for actors with no handler,
/// through classes deriving from <c>TypedActors.Actor</c>. Each actor class is parsed once per compilation, from its
/// first handler or its first declaration, into one equatable model and one file, an invalid one too (what of it still
/// compiles). Of the problems, the generator reports only TA1001 and TA1007 (the analyzers report them as well): the
/// compiler prints generator diagnostics before its own errors, and code that uses what the generator could not add
/// (<c>Self</c>, <c>Spawn&lt;T&gt;()</c>) has compiler errors of its own that must not come first.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ActorGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for caching tests.</summary>
    public static class Steps
    {
        public const string HandlerOwners = nameof(HandlerOwners);
        public const string ActorsWithoutHandlers = nameof(ActorsWithoutHandlers);
        public const string ExtensionProblems = nameof(ExtensionProblems);
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

        // Only a class that is not partial, or is nested, can be an actor the generator cannot extend.
        context.ReportDiagnostics(context.SyntaxProvider
            .CreateSyntaxProvider(
                predicate: static (node, _) => node is ClassDeclarationSyntax declaration
                    && (declaration.Parent is TypeDeclarationSyntax || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword)),
                transform: ActorParser.ParseExtensionProblems)
            .Where(static problems => !problems.IsEmpty)
            .WithTrackingName(Steps.ExtensionProblems));

        Persistence.PersistencePipeline.Register(context);
    }
}
