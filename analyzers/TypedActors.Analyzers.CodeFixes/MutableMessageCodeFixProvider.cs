using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.CodeFixes;

/// <summary>
/// TA2004: turns the message class (or struct) into a record (record struct) and every <c>set</c> accessor into
/// <c>init</c>, so object initializers keep compiling while the message can no longer change after it is built.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MutableMessageCodeFixProvider)), Shared]
public sealed class MutableMessageCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.MutableMessage.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not { } parameterType
            || model?.GetTypeInfo(parameterType, context.CancellationToken).Type is not { } type)
        {
            return;
        }

        // a handler of T? receives T
        ITypeSymbol message = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;
        if (message.DeclaringSyntaxReferences.FirstOrDefault() is not { } reference
            || await reference.GetSyntaxAsync(context.CancellationToken).ConfigureAwait(false) is not TypeDeclarationSyntax declaration
            || context.Document.Project.Solution.GetDocument(declaration.SyntaxTree) is not { } document)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                $"Make '{declaration.Identifier.Text}' a record with init-only properties",
                async ct =>
                {
                    SyntaxNode declarationRoot = await declaration.SyntaxTree.GetRootAsync(ct).ConfigureAwait(false);
                    return document.WithSyntaxRoot(declarationRoot.ReplaceNode(declaration, ToRecord(declaration, ct))).Project.Solution;
                },
                equivalenceKey: nameof(MutableMessageCodeFixProvider)),
            context.Diagnostics);
    }

    private static TypeDeclarationSyntax ToRecord(TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TypeDeclarationSyntax initOnly = declaration.ReplaceNodes(
            declaration.Members.OfType<PropertyDeclarationSyntax>()
                .SelectMany(p => p.AccessorList?.Accessors ?? default)
                .Where(a => a.IsKind(SyntaxKind.SetAccessorDeclaration)),
            (original, _) => SyntaxFactory.AccessorDeclaration(SyntaxKind.InitAccessorDeclaration, original.AttributeLists, original.Modifiers,
                    SyntaxFactory.Token(SyntaxKind.InitKeyword).WithTriviaFrom(original.Keyword), original.Body, original.ExpressionBody, original.SemicolonToken));

        return initOnly switch
        {
            ClassDeclarationSyntax type => ToRecord(type, SyntaxKind.RecordDeclaration, default),
            StructDeclarationSyntax type => ToRecord(type, SyntaxKind.RecordStructDeclaration, SyntaxFactory.Token(SyntaxKind.StructKeyword)),
            _ => initOnly,
        };
    }

    private static RecordDeclarationSyntax ToRecord(TypeDeclarationSyntax type, SyntaxKind kind, SyntaxToken classOrStruct)
    {
        SyntaxToken keyword = type.Keyword;
        return SyntaxFactory.RecordDeclaration(
                kind, type.AttributeLists, type.Modifiers,
                SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.RecordKeyword, classOrStruct == default ? keyword.TrailingTrivia : SyntaxFactory.TriviaList(SyntaxFactory.Space)),
                classOrStruct == default ? default : classOrStruct.WithTrailingTrivia(keyword.TrailingTrivia),
                type.Identifier, type.TypeParameterList, parameterList: null, type.BaseList, type.ConstraintClauses,
                type.OpenBraceToken, type.Members, type.CloseBraceToken, type.SemicolonToken);
    }
}
