using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Design;

/// <summary>
/// TA1009: a <c>Tell</c>, <c>TellAsync</c> or <c>Ask</c> of a message type the actor has no handler for. The generated
/// extension class of every actor ends with a <c>Tell</c>, a <c>TellAsync</c> and an <c>Ask</c> taking <c>object</c>, which C# binds only when no handled type
/// fits (see docs/generator.md); a call bound to one of them is this error, naming the actor, the message type and the
/// types the actor handles (read from the same class's other overloads, so actors of referenced assemblies work too).
/// Sends happen anywhere, so this rule looks at every invocation, filtered on its name and parameter types first.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnhandledMessageAnalyzer : ActorAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnhandledMessageType);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols) =>
        context.RegisterOperationAction(Analyze, OperationKind.Invocation);

    private static void Analyze(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        if (!IsFallback(method) || method.Parameters[0].Type is not INamedTypeSymbol { TypeArguments: [var actor] })
        {
            return;
        }

        ITypeSymbol? sent = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 1)?.Value.WithoutConversions().Type;
        string[] handled = [.. HandledTypes(method).Select(Display).Distinct()];
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.UnhandledMessageType,
            invocation.Syntax.GetLocation(),
            Display(actor),
            sent is null ? "null" : Display(sent),
            handled.Length == 0 ? "no message types" : string.Join(", ", handled)));
    }

    /// <summary>A generated <c>Tell</c>/<c>TellAsync</c>/<c>Ask</c> extension on <c>ActorRef&lt;T&gt;</c> whose message is <c>object</c>.</summary>
    private static bool IsFallback(IMethodSymbol method) =>
        method is { Name: "Tell" or "TellAsync" or "Ask", IsExtensionMethod: true, Parameters.Length: >= 2 }
        && method.Parameters[1].Type.SpecialType == SpecialType.System_Object
        && ActorSymbols.IsTypedActorsType(method.Parameters[0].Type, "ActorRef")
        && method.ContainingType.GetAttributes().Any(a => a.AttributeClass?.Name == "GeneratedCodeAttribute"
            && a.ConstructorArguments.FirstOrDefault().Value is "TypedActors.Generators");

    /// <summary>The message types of the class's other <c>Tell</c> overloads, with the call's type arguments for a generic actor.</summary>
    private static IEnumerable<ITypeSymbol> HandledTypes(IMethodSymbol fallback) =>
        fallback.ContainingType.GetMembers("Tell").OfType<IMethodSymbol>()
            .Where(m => m.Parameters.Length == 2 && m.Parameters[1].Type.SpecialType != SpecialType.System_Object
                && m.TypeParameters.Length == fallback.TypeArguments.Length
                && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type.OriginalDefinition, fallback.OriginalDefinition.Parameters[0].Type.OriginalDefinition))
            .Select(m => (m.TypeParameters.Length == 0 ? m : m.Construct([.. fallback.TypeArguments])).Parameters[1].Type);

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
}
