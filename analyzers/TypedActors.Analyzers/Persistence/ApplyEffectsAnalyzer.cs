using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Persistence;

/// <summary>
/// TA4003: an <c>[Apply]</c> method only changes the actor's fields. It runs again for every stored event whenever
/// the actor recovers, so a message it sent, an actor it spawned or an event it persisted would happen again on every
/// recovery, and an await would let a message in between two events of the replay.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ApplyEffectsAnalyzer : ActorAnalyzer
{
    private static readonly ImmutableHashSet<string> SpawnMethods = ImmutableHashSet.Create(
        "Spawn", "SpawnLinked", "SpawnPersistentAsync");

    private static readonly ImmutableHashSet<string> LaterSends = ImmutableHashSet.Create("SendAfter", "SendPeriodically");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ApplyWithEffects);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols) =>
        RegisterActorStartAction(context, symbols, static (start, actor) =>
        {
            if (PersistenceShape.IsPersistent(actor) || actor.GetMembers().OfType<IMethodSymbol>().Any(PersistenceShape.IsApply))
            {
                start.RegisterOperationAction(Analyze, OperationKind.Await, OperationKind.Invocation);
            }
        });

    private static void Analyze(OperationAnalysisContext context)
    {
        if (EnclosingMethod(context.ContainingSymbol) is not { } method || !PersistenceShape.IsApply(method))
        {
            return;
        }

        string? effect = context.Operation switch
        {
            IAwaitOperation => "awaits",
            IInvocationOperation invocation => Effect(invocation),
            _ => null,
        };
        if (effect is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ApplyWithEffects, context.Operation.Syntax.GetLocation(), method.Name, method.ContainingType.Name, effect));
        }
    }

    private static string? Effect(IInvocationOperation invocation)
    {
        IMethodSymbol target = invocation.TargetMethod;
        if (Messaging.Target(invocation) is not null || (LaterSends.Contains(target.Name) && IsRuntimeMember(target)))
        {
            return $"sends a message ('{target.Name}')";
        }

        if (SpawnMethods.Contains(target.Name) && IsRuntimeMember(target))
        {
            return $"spawns an actor ('{target.Name}')";
        }

        if (target.Name == "Persist" && ActorSymbols.IsTypedActorsType(target.ContainingType, "Actor"))
        {
            return "persists an event";
        }

        return target.Name == "Receive" && ActorSymbols.IsTypedActorsType(target.ContainingType, "Actor") ? "waits for a message ('Receive')" : null;
    }

    /// <summary>A member of <c>Actor</c> or <c>ActorSystem</c> (spawning and timers live there).</summary>
    private static bool IsRuntimeMember(IMethodSymbol method) =>
        ActorSymbols.IsTypedActorsType(method.ContainingType, "Actor") || ActorSymbols.IsTypedActorsType(method.ContainingType, "ActorSystem");

    /// <summary>The method a lambda or local function is written in: their code runs as part of it.</summary>
    private static IMethodSymbol? EnclosingMethod(ISymbol? symbol)
    {
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol as IMethodSymbol;
    }
}
