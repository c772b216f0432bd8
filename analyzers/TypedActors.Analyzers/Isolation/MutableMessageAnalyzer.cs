using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Diagnostics;
using TypedActors.Generators.Parsing;

namespace TypedActors.Analyzers.Isolation;

/// <summary>
/// TA2004: a message type handled by an actor should be immutable, so that neither the sender nor the receiver can
/// change it once sent. Found through the handlers of each actor; reported once per message type declared in this
/// compilation, on its declaration.
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
        var reported = new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
        RegisterActorSymbolAction(context, symbols, (symbolContext, actor) =>
        {
            foreach (IMethodSymbol handler in ActorShape.ValidHandlers(actor))
            {
                if (ActorShape.MessageType(handler.Parameters[0].Type) is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } message
                    && mutability.Declares(message)
                    && mutability.MutabilityReason(message) is { } reason
                    && reported.TryAdd(message, true)
                    && message.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(symbolContext.CancellationToken) is TypeDeclarationSyntax declaration)
                {
                    symbolContext.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.MutableMessage, declaration.Identifier.GetLocation(), message.Name, reason));
                }
            }
        });
    }
}
