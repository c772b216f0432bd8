using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TypedActors.Analyzers.Infrastructure;

/// <summary>
/// The common set-up of every TypedActors analyzer: generated code skipped, concurrent execution, and nothing at all
/// registered for a compilation that does not reference TypedActors. Most rules then work per actor type
/// (<see cref="RegisterActorStartAction"/>) so that only actor code is ever visited.
/// </summary>
public abstract class ActorAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ActorSymbols.From(start.Compilation) is { } symbols)
            {
                OnCompilationStart(start, symbols);
            }
        });
    }

    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols);

    /// <summary>Runs <paramref name="action"/> for each actor type; operation actions it registers see that actor's code only.</summary>
    private protected static void RegisterActorStartAction(
        CompilationStartAnalysisContext context, ActorSymbols symbols, Action<SymbolStartAnalysisContext, INamedTypeSymbol> action) =>
        context.RegisterSymbolStartAction(
            start =>
            {
                if (start.Symbol is INamedTypeSymbol type && ActorSymbols.IsActor(type))
                {
                    action(start, type);
                }
            },
            SymbolKind.NamedType);

    /// <summary>Runs <paramref name="action"/> for each actor type, once its declaration is known.</summary>
    private protected static void RegisterActorSymbolAction(
        CompilationStartAnalysisContext context, ActorSymbols symbols, Action<SymbolAnalysisContext, INamedTypeSymbol> action) =>
        context.RegisterSymbolAction(
            symbolContext =>
            {
                if (symbolContext.Symbol is INamedTypeSymbol type && ActorSymbols.IsActor(type))
                {
                    action(symbolContext, type);
                }
            },
            SymbolKind.NamedType);
}
