using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedActors.Generators.Emitting;
using TypedActors.Generators.Models;
using TypedActors.Generators.Parsing;
using TypedActors.Generators.Shared;

namespace TypedActors.Generators;

/// <summary>
/// The incremental pipeline: actors are found through their <c>[Receive]</c> methods, and, for actors with no handler,
/// through classes deriving from <c>TypedActors.Actor</c>. Each actor class yields one equatable model and one file,
/// an invalid one too (what of it still compiles); the generator reports no diagnostics (TypedActors.Analyzers does).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ActorGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for caching tests.</summary>
    public static class Steps
    {
        public const string HandlerOwners = nameof(HandlerOwners);
        public const string ActorsWithoutHandlers = nameof(ActorsWithoutHandlers);
        public const string Actors = nameof(Actors);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ActorResult> handlerOwners = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ActorParser.ReceiveAttributeMetadataName,
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: ActorParser.ParseHandlerOwner)
            .WithTrackingName(Steps.HandlerOwners);

        IncrementalValuesProvider<ActorResult> actorsWithoutHandlers = context.SyntaxProvider
            .CreateSyntaxProvider(
                predicate: static (node, _) => node is ClassDeclarationSyntax { BaseList: not null },
                transform: ActorParser.ParseActorWithoutHandlers)
            .Where(static result => result is not null)
            .Select(static (result, _) => result!)
            .WithTrackingName(Steps.ActorsWithoutHandlers);

        // A class with several handlers (or partial declarations) is seen several times: keep one result per key.
        IncrementalValuesProvider<ActorResult> actors = handlerOwners.Collect()
            .Combine(actorsWithoutHandlers.Collect())
            .SelectMany(static (pair, _) => Distinct(pair.Left, pair.Right))
            .WithTrackingName(Steps.Actors);

        // Only a [Receive] method outside any actor has no model (TA1004): there is nothing to generate for it.
        context.RegisterSourceOutput(actors, static (output, result) =>
        {
            if (result.Model is { } model)
            {
                output.AddSource(model.HintName, ActorEmitter.Emit(model));
            }
        });

        Persistence.PersistencePipeline.Register(context);
    }

    private static IEnumerable<ActorResult> Distinct(ImmutableArray<ActorResult> first, ImmutableArray<ActorResult> second)
    {
        var seen = new HashSet<string>();
        foreach (ActorResult result in first.Concat(second))
        {
            if (seen.Add(result.Key))
            {
                yield return result;
            }
        }
    }
}
