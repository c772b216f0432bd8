using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Persistence;

/// <summary>
/// TA4002, TA4004, TA4005 on declarations: every <c>[Apply]</c> method is valid, in a <c>[Persistent]</c> actor, and
/// the only one for its event type; every event type it applies is provably immutable (by the one immutability proof
/// the generator uses); and <c>[Persistent]</c> marks only actors.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PersistenceDeclarationAnalyzer : ActorAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InvalidApplyMethod, DiagnosticDescriptors.MutableEvent, DiagnosticDescriptors.PersistenceOutsidePersistentActor);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols)
    {
        if (context.Compilation.GetTypeByMetadataName(PersistenceShape.ApplyAttributeMetadataName) is null)
        {
            return; // a runtime without persistence
        }

        var mutability = new TypeMutability(context.Compilation);
        context.RegisterSymbolAction(AnalyzeMethod, SymbolKind.Method);
        context.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, mutability), SymbolKind.NamedType);
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!PersistenceShape.IsApply(method))
        {
            return;
        }

        Location? location = method.Locations.FirstOrDefault();
        INamedTypeSymbol owner = method.ContainingType;
        if (!ActorSymbols.IsActor(owner))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.InvalidApplyMethod, location, method.Name, owner.Name,
                $"it is declared in '{owner.Name}', which does not derive from TypedActors.Actor; [Apply] methods belong to [Persistent] actors"));
        }
        else if (!PersistenceShape.IsPersistent(owner))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.PersistenceOutsidePersistentActor, location, owner.Name,
                $"declares the [Apply] method '{method.Name}' but is not [Persistent], so no event is ever applied; mark the class [Persistent] and spawn it with SpawnPersistentAsync"));
        }
        else if (PersistenceShape.ApplySignatureProblem(method) is { } problem)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidApplyMethod, location, method.Name, owner.Name, problem));
        }
    }

    private static void AnalyzeType(SymbolAnalysisContext context, TypeMutability mutability)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!PersistenceShape.IsPersistent(type))
        {
            return;
        }

        if (!ActorSymbols.IsActor(type))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.PersistenceOutsidePersistentActor, type.Locations.FirstOrDefault(), type.Name,
                "is [Persistent] but does not derive from TypedActors.Actor; only an actor can be persistent"));
            return;
        }

        foreach ((IMethodSymbol method, ITypeSymbol eventType, IMethodSymbol? first) in PersistenceShape.ApplyMethodsByEventType(type))
        {
            Location? at = method.Parameters[0].DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is ParameterSyntax { Type: { } declared }
                ? declared.GetLocation()
                : method.Parameters[0].Locations.FirstOrDefault();
            if (first is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.InvalidApplyMethod, method.Locations.FirstOrDefault(), method.Name, type.Name,
                    $"'{first.Name}' already applies '{eventType.ToDisplayString()}'; one event type has one [Apply] method"));
            }
            else if (eventType is not ITypeParameterSymbol && mutability.MutabilityReason(eventType) is { } reason)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.MutableEvent, at, eventType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), type.Name, reason));
            }
        }
    }
}
