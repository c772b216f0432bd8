using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Isolation;

/// <summary>
/// TA2003: the actor instance itself must not escape, since whoever holds it can touch its state off the actor's turn.
/// Reported when <c>this</c> is passed as an argument (which covers sending it in a message), stored in a static or
/// in another object, returned as a reply, or used by a lambda or method group handed to code that runs it on another
/// thread (<c>Task.Run</c>, <c>TaskFactory.StartNew</c>, <c>ContinueWith</c>, <c>ThreadPool</c>, <c>Parallel</c>,
/// <c>new Thread</c>, <c>System.Threading.Timer</c>, <c>System.Timers.Timer.Elapsed</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InstanceEscapeAnalyzer : ActorAnalyzer
{
    private static readonly ImmutableDictionary<string, ImmutableHashSet<string>> OtherThreadApis =
        new (string Type, string[] Members)[]
        {
            ("System.Threading.Tasks.Task", ["Run", "ContinueWith"]),
            ("System.Threading.Tasks.TaskFactory", ["StartNew", "ContinueWhenAll", "ContinueWhenAny"]),
            ("System.Threading.ThreadPool", ["QueueUserWorkItem", "UnsafeQueueUserWorkItem", "RegisterWaitForSingleObject"]),
            ("System.Threading.Tasks.Parallel", ["For", "ForEach", "Invoke", "ForAsync", "ForEachAsync"]),
            ("System.Threading.Thread", [".ctor"]),
            ("System.Threading.Timer", [".ctor"]),
            ("System.Timers.Timer", ["Elapsed"]),
        }.ToImmutableDictionary(e => e.Type, e => e.Members.ToImmutableHashSet());

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ActorInstanceEscapes);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols) =>
        RegisterActorStartAction(context, symbols, (start, _) =>
        {
            start.RegisterOperationAction(c => AnalyzeThis(c, symbols), OperationKind.InstanceReference);
            start.RegisterOperationAction(AnalyzeOtherThreadCall, OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.EventAssignment);
        });

    private static void AnalyzeThis(OperationAnalysisContext context, ActorSymbols symbols)
    {
        IOperation self = context.Operation;
        if (self.IsImplicit || !self.IsThis())
        {
            return;
        }

        string? how = self.ParentThroughConversions() switch
        {
            IArgumentOperation { Parameter: { } parameter } => $"as an argument to '{SymbolNames.Short(parameter.ContainingSymbol)}'",
            ISimpleAssignmentOperation { Target: var target } assignment when assignment.Value.WithoutConversions() == self => target switch
            {
                IMemberReferenceOperation { Member.IsStatic: true } member => $"into the static '{SymbolNames.Short(member.Member)}'",
                IMemberReferenceOperation { Instance: var instance } member when !instance.IsThis() => $"into '{SymbolNames.Short(member.Member)}' of another object",
                _ => null,
            },
            IReturnOperation returned when symbols.IsHandler(context.ContainingSymbol) && !returned.IsInsideNestedFunction() =>
                $"as the reply of handler '{context.ContainingSymbol.Name}'",
            _ => null,
        };
        if (how is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ActorInstanceEscapes, self.Syntax.GetLocation(), how));
        }
    }

    private static void AnalyzeOtherThreadCall(OperationAnalysisContext context)
    {
        (ISymbol? api, ImmutableArray<IOperation> delegates) = context.Operation switch
        {
            IInvocationOperation invocation => ((ISymbol?)invocation.TargetMethod, invocation.Arguments.Select(a => a.Value).ToImmutableArray()),
            IObjectCreationOperation creation => (creation.Constructor, creation.Arguments.Select(a => a.Value).ToImmutableArray()),
            IEventAssignmentOperation { Adds: true } subscription when subscription.EventReference is IEventReferenceOperation reference =>
                (reference.Event, ImmutableArray.Create(subscription.HandlerValue)),
            _ => (null, ImmutableArray<IOperation>.Empty),
        };
        if (api?.ContainingType is not { } type
            || !OtherThreadApis.TryGetValue(SymbolNames.FullName(type), out ImmutableHashSet<string>? members)
            || !members.Contains(api.Name))
        {
            return;
        }

        string apiName = api is IMethodSymbol { MethodKind: MethodKind.Constructor } ? "new " + type.Name : SymbolNames.Short(api);
        foreach (IOperation argument in delegates)
        {
            if (argument.WithoutConversions() is not IDelegateCreationOperation { Target: var target })
            {
                continue;
            }

            string? what = target switch
            {
                IAnonymousFunctionOperation { Symbol.IsStatic: false } lambda when lambda.Body.Descendants().Any(o => o.IsThis()) => "through a lambda",
                IMethodReferenceOperation { Method.IsStatic: false, Instance: var instance } method when instance.IsThis() => $"through the method '{method.Method.Name}'",
                _ => null,
            };
            if (what is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ActorInstanceEscapes, target.Syntax.GetLocation(),
                    $"{what} given to '{apiName}', which runs it on another thread"));
            }
        }
    }
}
