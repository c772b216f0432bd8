using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Design;

/// <summary>
/// TA1002, TA1003, TA1004: every <c>[Receive]</c> method is a valid handler, in an actor, and the only one of its
/// actor for its message type.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HandlerDeclarationAnalyzer : ActorAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InvalidHandlerSignature, DiagnosticDescriptors.DuplicateHandler, DiagnosticDescriptors.ReceiveOutsideActor);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols)
    {
        if (symbols.ReceiveAttribute is null)
        {
            return;
        }

        context.RegisterSymbolAction(symbolContext => AnalyzeMethod(symbolContext, symbols), SymbolKind.Method);
        RegisterActorSymbolAction(context, symbols, static (symbolContext, actor) =>
        {
            foreach ((IMethodSymbol method, ITypeSymbol messageType, IMethodSymbol? first) in ActorShape.HandlersByMessageType(actor))
            {
                if (first is not null)
                {
                    symbolContext.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.DuplicateHandler, method.Locations.FirstOrDefault(),
                        actor.Name, messageType.ToDisplayString(), first.Name, method.Name));
                }
            }
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, ActorSymbols symbols)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!symbols.IsHandler(method))
        {
            return;
        }

        Location? location = method.Locations.FirstOrDefault();
        if (!ActorSymbols.IsActor(method.ContainingType))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ReceiveOutsideActor, location, method.Name, method.ContainingType.Name));
        }
        else if (ActorShape.HandlerSignatureProblem(method) is { } problem)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidHandlerSignature, location, method.Name, problem));
        }
    }
}
