using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Design;

/// <summary>
/// TA1001, TA1007, TA1008: the actor class must be one the generator can extend and name. For an actor that breaks
/// one of these the generator emits only what still compiles (see docs/generator.md), so this error is the build's.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ActorDeclarationAnalyzer : ActorAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ActorNotPartial, DiagnosticDescriptors.ContainingTypeNotPartial, DiagnosticDescriptors.InaccessibleActor);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols) =>
        RegisterActorSymbolAction(context, symbols, static (symbolContext, actor) =>
        {
            Location location = actor.Locations.FirstOrDefault() ?? Location.None;
            if (ActorShape.FirstNonPartialDeclaration(actor, symbolContext.CancellationToken) is { } declaration)
            {
                symbolContext.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ActorNotPartial, declaration.Identifier.GetLocation(), actor.Name));
            }

            foreach (INamedTypeSymbol outer in ActorShape.NonPartialContainingTypes(actor, symbolContext.CancellationToken))
            {
                symbolContext.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ContainingTypeNotPartial, location, actor.Name, outer.Name));
            }

            if (ActorShape.InaccessibleReason(actor) is { } reason)
            {
                symbolContext.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InaccessibleActor, location, actor.Name, reason));
            }
        });
}
