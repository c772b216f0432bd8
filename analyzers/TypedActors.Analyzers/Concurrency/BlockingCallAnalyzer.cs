using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Concurrency;

/// <summary>
/// TA3001: actor code must not block. An actor runs on a shared thread pool; a blocked handler holds a thread and
/// delays every message behind it, and waiting synchronously for work the actor itself must do never ends.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingCallAnalyzer : ActorAnalyzer
{
    /// <summary>Diagnostic property: the call is <c>Thread.Sleep</c>, which has a mechanical fix.</summary>
    public const string IsThreadSleep = nameof(IsThreadSleep);

    private const string AwaitTheTask = "await the task instead";

    private static readonly ImmutableDictionary<string, (ImmutableHashSet<string> Members, string Advice)> BlockingMembers =
        new (string Type, string[] Members, string Advice)[]
        {
            ("System.Threading.Thread", ["Sleep", "Join"], "await Task.Delay (or the work itself) instead"),
            ("System.Threading.Tasks.Task", ["Wait", "WaitAll", "WaitAny", "Result"], AwaitTheTask),
            ("System.Threading.Tasks.ValueTask", ["Result"], AwaitTheTask),
            ("System.Threading.Monitor", ["Enter", "TryEnter", "Wait"], "the actor's own state needs no lock; share data with messages instead"),
            ("System.Threading.WaitHandle", ["WaitOne", "WaitAll", "WaitAny"], "await a Task instead"),
            ("System.Threading.SemaphoreSlim", ["Wait"], "await WaitAsync instead"),
            ("System.Threading.ManualResetEventSlim", ["Wait"], "await a Task instead"),
            ("System.Threading.CountdownEvent", ["Wait"], "await a Task instead"),
            ("System.Threading.Barrier", ["SignalAndWait"], "await a Task instead"),
            ("System.Threading.SpinWait", ["SpinUntil"], "await a Task instead"),
            ("System.IO.File",
                ["ReadAllText", "ReadAllBytes", "ReadAllLines", "WriteAllText", "WriteAllBytes", "WriteAllLines", "AppendAllText", "AppendAllLines"],
                "await the File method of the same name ending in Async instead"),
        }.ToImmutableDictionary(e => e.Type, e => (e.Members.ToImmutableHashSet(), e.Advice));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.BlockingCall);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols) =>
        RegisterActorStartAction(context, symbols, static (start, _) =>
            start.RegisterOperationAction(Analyze, OperationKind.Invocation, OperationKind.PropertyReference));

    private static void Analyze(OperationAnalysisContext context)
    {
        ISymbol? member = context.Operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };
        if (member?.ContainingType is null || Advice(member) is not { } advice)
        {
            return;
        }

        ImmutableDictionary<string, string?> properties = SymbolNames.IsMemberOf(member, "System.Threading.Thread") && member.Name == "Sleep"
            ? ImmutableDictionary<string, string?>.Empty.Add(IsThreadSleep, "true")
            : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.BlockingCall, context.Operation.Syntax.GetLocation(), properties, SymbolNames.Short(member), advice));
    }

    private static string? Advice(ISymbol member)
    {
        INamedTypeSymbol type = member.ContainingType;
        if (BlockingMembers.TryGetValue(SymbolNames.FullName(type), out (ImmutableHashSet<string> Members, string Advice) entry))
        {
            return entry.Members.Contains(member.Name) ? entry.Advice : null;
        }

        // task.GetAwaiter().GetResult() and its ConfigureAwait and ValueTask variants
        bool isTaskAwaiter = member.Name == "GetResult"
            && type.Name.EndsWith("Awaiter", System.StringComparison.Ordinal)
            && SymbolNames.NamespaceOf(type) == "System.Runtime.CompilerServices";
        return isTaskAwaiter ? AwaitTheTask : null;
    }
}
