using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Isolation;

/// <summary>
/// TA2004: a message type handled by an actor should be immutable, so that neither the sender nor the receiver can
/// change it once sent. Reported on the message parameter of each handler whose message type is declared in this
/// compilation and mutable (the code fix then rewrites that type's declaration).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MutableMessageAnalyzer : ActorAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MutableMessage);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols)
    {
        var mutability = new TypeMutability(context.Compilation);
        RegisterActorSymbolAction(context, symbols, (symbolContext, actor) =>
        {
            foreach (IMethodSymbol handler in ActorShape.ValidHandlers(actor))
            {
                if (ActorShape.MessageType(handler.Parameters[0].Type) is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } message
                    && mutability.Declares(message)
                    && mutability.MutabilityReason(message) is { } reason
                    && handler.Parameters[0].DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(symbolContext.CancellationToken) is ParameterSyntax { Type: { } type })
                {
                    symbolContext.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.MutableMessage, type.GetLocation(), message.Name, reason));
                }
            }
        });
    }
}
