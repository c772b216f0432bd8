using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Design;

/// <summary>
/// TA1001, TA1007, TA1008: the actor class must be one the generator can extend and name. For an actor that breaks
/// one of these the generator emits only what still compiles (see docs/generator.md), so this error is the build's.
/// The actor generator reports TA1001 and TA1007 too, from the same definition, so that the command-line compiler
/// prints them before any error of code that uses what the generator could not add.
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
            foreach (DiagnosticInfo problem in ActorShape.ExtensionProblems(actor, symbolContext.CancellationToken))
            {
                symbolContext.ReportDiagnostic(problem.ToDiagnostic(symbolContext.Compilation));
            }

            Location location = actor.Locations.FirstOrDefault() ?? Location.None;
            if (ActorShape.InaccessibleReason(actor) is { } reason)
            {
                symbolContext.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InaccessibleActor, location, actor.Name, reason));
            }
        });
}
