using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Suppressions;

/// <summary>
/// Removes other analyzers' findings that are wrong for idiomatic actor code:
/// CA1822 ("can be marked static") on a <c>[Receive]</c> handler, which the generated dispatch calls on the instance;
/// IDE0051 ("unused private member") on a <c>[Receive]</c> method, whose caller is the generated dispatch;
/// CA1812 ("never instantiated") on an actor class, which Spawn creates through its generated factory;
/// IDE0060 ("unused parameter") on a handler's message parameter, whose type selects the handler;
/// CA2007 ("call ConfigureAwait") in an actor class, where ConfigureAwait(false) would leave the actor's turn (TA3004).
/// Each is removed only where it is reported on such code; elsewhere it stays.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ActorCodeSuppressor : DiagnosticSuppressor
{
    /// <inheritdoc />
    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.HandlerCannotBeStatic,
        DiagnosticDescriptors.HandlerIsCalledByDispatch,
        DiagnosticDescriptors.ActorIsCreatedBySpawn,
        DiagnosticDescriptors.MessageParameterSelectsTheHandler,
        DiagnosticDescriptors.ActorCodeResumesOnItsTurn);

    /// <inheritdoc />
    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        foreach (Diagnostic diagnostic in context.ReportedDiagnostics)
        {
            if (diagnostic.Location.SourceTree is not { } tree)
            {
                continue;
            }

            SyntaxNode node = tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            SemanticModel model = context.GetSemanticModel(tree);
            SuppressionDescriptor? suppression = diagnostic.Id switch
            {
                "CA1822" when IsHandler(node.FirstAncestorOrSelf<MethodDeclarationSyntax>(), model, context) =>
                    DiagnosticDescriptors.HandlerCannotBeStatic,
                "IDE0051" when IsHandler(node.FirstAncestorOrSelf<MethodDeclarationSyntax>(), model, context) =>
                    DiagnosticDescriptors.HandlerIsCalledByDispatch,
                "CA1812" when node.FirstAncestorOrSelf<ClassDeclarationSyntax>() is { } type
                    && ActorSymbols.IsActor(model.GetDeclaredSymbol(type, context.CancellationToken)) =>
                    DiagnosticDescriptors.ActorIsCreatedBySpawn,
                "IDE0060" when IsMessageParameter(node.FirstAncestorOrSelf<ParameterSyntax>(), model, context) =>
                    DiagnosticDescriptors.MessageParameterSelectsTheHandler,
                "CA2007" when IsInActor(node, model, context) =>
                    DiagnosticDescriptors.ActorCodeResumesOnItsTurn,
                _ => null,
            };
            if (suppression is not null)
            {
                context.ReportSuppression(Suppression.Create(suppression, diagnostic));
            }
        }
    }

    private static bool IsHandler(MethodDeclarationSyntax? declaration, SemanticModel model, SuppressionAnalysisContext context) =>
        declaration is not null
        && model.GetDeclaredSymbol(declaration, context.CancellationToken) is { } method
        && ActorShape.IsHandler(method)
        && ActorSymbols.IsActor(method.ContainingType);

    private static bool IsMessageParameter(ParameterSyntax? declaration, SemanticModel model, SuppressionAnalysisContext context) =>
        declaration is not null
        && model.GetDeclaredSymbol(declaration, context.CancellationToken) is { Ordinal: 0, ContainingSymbol: IMethodSymbol method }
        && ActorShape.IsHandler(method)
        && ActorSymbols.IsActor(method.ContainingType);

    private static bool IsInActor(SyntaxNode node, SemanticModel model, SuppressionAnalysisContext context) =>
        node.AncestorsAndSelf().OfType<ClassDeclarationSyntax>()
            .Any(c => ActorSymbols.IsActor(model.GetDeclaredSymbol(c, context.CancellationToken)));
}
