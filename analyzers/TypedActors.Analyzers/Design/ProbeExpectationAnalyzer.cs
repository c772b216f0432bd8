using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Design;

/// <summary>
/// TA1010 and TA1011: a test's use of a <c>TestProbe&lt;TActor&gt;</c> (TypedActors.Testing) that the actor class
/// contradicts. TA1010: <c>ExpectMessageAsync&lt;T&gt;</c> or <c>ExpectAskAsync&lt;T&gt;</c> of a type no handler of the
/// actor takes (nor one related to such a type by inheritance), which can never arrive through an
/// <c>ActorRef&lt;TActor&gt;</c>. TA1011: <c>ProbeAsk&lt;TActor, TRequest&gt;.Reply</c> with a value of another type than
/// the handler returns, a value for a handler that returns none, or none for one that returns a value.
/// </summary>
/// <remarks>
/// What the actor handles and returns is read from its generated <c>Ask</c> extensions (public, so actors of
/// referenced assemblies work too, whose private handlers the compiler does not import): one per handled type, returning
/// <c>Task</c> or <c>Task&lt;TReply&gt;</c>. Only invocations of those two probe types are looked at.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProbeExpectationAnalyzer : ActorAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ProbeExpectsUnhandledMessage, DiagnosticDescriptors.ProbeReplyMismatch);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols)
    {
        if (context.Compilation.GetTypeByMetadataName("TypedActors.Testing.TestProbe`1") is null)
        {
            return; // not a test of the kit
        }

        var handlers = new ConcurrentDictionary<ITypeSymbol, Handler[]>(SymbolEqualityComparer.Default);
        context.RegisterOperationAction(
            operationContext => Analyze(operationContext, actor => handlers.GetOrAdd(actor, HandlersOf)),
            OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, System.Func<ITypeSymbol, Handler[]> handlersOf)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        if (method.Name is "ExpectMessageAsync" or "ExpectAskAsync"
            && IsTestingType(method.ContainingType, "TestProbe") && method.TypeArguments.Length == 1
            && method.ContainingType.TypeArguments is [INamedTypeSymbol actor])
        {
            CheckExpected(context, invocation, actor, method.TypeArguments[0], handlersOf(actor));
        }
        else if (method.Name == "Reply"
            && IsTestingType(method.ContainingType, "ProbeAsk")
            && method.ContainingType.TypeArguments is [INamedTypeSymbol probed, var request])
        {
            CheckReply(context, invocation, probed, request, handlersOf(probed));
        }
    }

    private static void CheckExpected(OperationAnalysisContext context, IInvocationOperation invocation, ITypeSymbol actor, ITypeSymbol expected, Handler[] handlers)
    {
        if (!IsConcrete(expected) || IsSignal(expected)
            || (handlers.Length == 0 && !HasGeneratedExtensions(actor)) // nothing generated to read: no verdict
            || handlers.Any(h => Related(context.Compilation, expected, h.Message)))
        {
            return;
        }

        string handled = handlers.Length == 0 ? "no message types" : string.Join(", ", handlers.Select(h => Display(h.Message)).Distinct().OrderBy(n => n, System.StringComparer.Ordinal));
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.ProbeExpectsUnhandledMessage, invocation.Syntax.GetLocation(), Display(actor), Display(expected), handled));
    }

    private static void CheckReply(OperationAnalysisContext context, IInvocationOperation invocation, ITypeSymbol actor, ITypeSymbol request, Handler[] handlers)
    {
        Compilation compilation = context.Compilation;
        Handler? handler = handlers.FirstOrDefault(h => SymbolEqualityComparer.Default.Equals(h.Message, request))
            ?? handlers.FirstOrDefault(h => IsReferenceOrIdentity(compilation.ClassifyConversion(request, h.Message)));
        if (handler is null)
        {
            return; // an unhandled request type is TA1010's, on the expectation that produced this ask
        }

        string? problem = (invocation.TargetMethod.TypeArguments.FirstOrDefault(), handler.Reply) switch
        {
            (null, null) => null,
            (null, { } returns) => $"returns '{Display(returns)}': answer with Reply(value)",
            ({ } _, null) => "returns no value: answer with Reply()",
            ({ } given, { } returns) when !IsConcrete(given) || ConvertsAtRunTime(compilation.ClassifyConversion(given, returns)) => null,
            ({ } given, { } returns) => $"returns '{Display(returns)}', not '{Display(given)}': the asker would fail with ReplyTypeMismatchException",
        };
        if (problem is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ProbeReplyMismatch, invocation.Syntax.GetLocation(), Display(actor), Display(handler.Message), problem));
        }
    }

    /// <summary>What an ask of a handled message reads as its reply, from the generated <c>Ask</c> extensions of the actor.</summary>
    private static Handler[] HandlersOf(ITypeSymbol actor)
    {
        if (actor is not INamedTypeSymbol named)
        {
            return [];
        }

        ITypeSymbol[] typeArguments = [.. AllTypeArguments(named)];
        var handlers = new List<Handler>();
        foreach (IMethodSymbol ask in GeneratedExtensions(named).SelectMany(c => c.GetMembers("Ask").OfType<IMethodSymbol>()))
        {
            IMethodSymbol bound = ask;
            if (ask.IsGenericMethod)
            {
                if (ask.TypeParameters.Length != typeArguments.Length)
                {
                    continue;
                }

                bound = ask.Construct(typeArguments);
            }

            if (bound.Parameters.Length >= 2
                && bound.Parameters[0].Type is INamedTypeSymbol { TypeArguments: [var target] }
                && SymbolEqualityComparer.Default.Equals(target, actor)
                && bound.Parameters[1].Type.SpecialType != SpecialType.System_Object
                && bound.ReturnType is INamedTypeSymbol { Name: "Task" } task)
            {
                handlers.Add(new Handler(bound.Parameters[1].Type, task.TypeArguments.FirstOrDefault()));
            }
        }

        return [.. handlers];
    }

    /// <summary>The generator's extension classes in the actor's namespace (top-level static classes, as C# requires).</summary>
    private static IEnumerable<INamedTypeSymbol> GeneratedExtensions(INamedTypeSymbol actor) =>
        actor.ContainingNamespace.GetTypeMembers().Where(type => type.IsStatic && type.GetAttributes().Any(a =>
            a.AttributeClass?.Name == "GeneratedCodeAttribute" && a.ConstructorArguments.FirstOrDefault().Value is "TypedActors.Generators"));

    private static bool HasGeneratedExtensions(ITypeSymbol actor) => actor is INamedTypeSymbol named && GeneratedExtensions(named).Any();

    /// <summary>The type arguments of the actor and the types it is nested in, outermost first, as the extensions declare them.</summary>
    private static IEnumerable<ITypeSymbol> AllTypeArguments(INamedTypeSymbol type) =>
        (type.ContainingType is { } outer ? AllTypeArguments(outer) : Enumerable.Empty<ITypeSymbol>()).Concat(type.TypeArguments);

    /// <summary>One type can arrive as the other: the same type, or one derives from or implements the other.</summary>
    private static bool Related(Compilation compilation, ITypeSymbol expected, ITypeSymbol handled) =>
        IsReferenceOrIdentity(compilation.ClassifyConversion(expected, handled))
        || IsReferenceOrIdentity(compilation.ClassifyConversion(handled, expected));

    private static bool IsReferenceOrIdentity(Conversion conversion) => conversion.IsIdentity || conversion is { IsImplicit: true, IsReference: true };

    /// <summary>A reply the asker reads as the handler's type: no conversion operator, no numeric conversion.</summary>
    private static bool ConvertsAtRunTime(Conversion conversion) =>
        conversion.IsIdentity || conversion is { IsImplicit: true } and ({ IsReference: true } or { IsBoxing: true } or { IsNullable: true });

    /// <summary>Exited and Down reach any actor: the runtime sends them to linked and monitoring actors.</summary>
    private static bool IsSignal(ITypeSymbol type) =>
        ActorSymbols.IsTypedActorsType(type, "Exited") || ActorSymbols.IsTypedActorsType(type, "Down");

    private static bool IsConcrete(ITypeSymbol type) => type is not (ITypeParameterSymbol or IErrorTypeSymbol) && type.SpecialType != SpecialType.System_Object;

    private static bool IsTestingType(INamedTypeSymbol? type, string name) =>
        type is { ContainingType: null }
        && type.Name == name
        && type.ContainingNamespace is { Name: "Testing", ContainingNamespace: { Name: "TypedActors", ContainingNamespace.IsGlobalNamespace: true } };

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    /// <summary>A handled message type and the reply an ask of it reads (null when the handler returns nothing).</summary>
    private sealed record Handler(ITypeSymbol Message, ITypeSymbol? Reply);
}
