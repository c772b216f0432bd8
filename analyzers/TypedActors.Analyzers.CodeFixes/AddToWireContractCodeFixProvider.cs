using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using TypedActors.Analyzers.WireContracts;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.CodeFixes;

/// <summary>
/// TA4009: adds the missing lines to the project's <c>WireContracts.Unshipped.txt</c> (replacing an Unshipped line of the
/// same member, keeping the file sorted), creating the file beside <c>WireContracts.Shipped.txt</c> when the project has
/// only that one. Fix all adds every missing line of the project in one edit.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddToWireContractCodeFixProvider)), Shared]
public sealed class AddToWireContractCodeFixProvider : CodeFixProvider
{
    private const string Title = "Add to " + WireContractFile.UnshippedName;

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.WireContractMissing.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => new AddAllToWireContract();

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            Project project = context.Document.Project;
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => AddAsync(project.Solution, project.Id, LinesOf([diagnostic]), ct), equivalenceKey: Title),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static string[] LinesOf(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics
            .Select(d => d.Properties.TryGetValue(WireContractAnalyzer.LinesProperty, out string? lines) ? lines : null)
            .Where(l => l is not null)
            .SelectMany(l => l!.Split('\n'))
            .Distinct(StringComparer.Ordinal)];

    private static async Task<Solution> AddAsync(Solution solution, ProjectId projectId, string[] lines, CancellationToken cancellationToken)
    {
        Project project = solution.GetProject(projectId)!;
        TextDocument? unshipped = project.AdditionalDocuments.FirstOrDefault(d => IsNamed(d, WireContractFile.UnshippedName));
        if (unshipped is not null)
        {
            SourceText text = await unshipped.GetTextAsync(cancellationToken).ConfigureAwait(false);
            string merged = WireContractFile.Merge(text.ToString(), lines);
            return solution.WithAdditionalDocumentText(unshipped.Id, SourceText.From(merged, text.Encoding));
        }

        TextDocument? shipped = project.AdditionalDocuments.FirstOrDefault(d => IsNamed(d, WireContractFile.ShippedName));
        string? folder = shipped?.FilePath is { } shippedPath ? Path.GetDirectoryName(shippedPath) : null;
        return solution.AddAdditionalDocument(
            DocumentId.CreateNewId(projectId),
            WireContractFile.UnshippedName,
            SourceText.From(WireContractFile.Merge("", lines), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)),
            shipped?.Folders,
            folder is null ? null : Path.Combine(folder, WireContractFile.UnshippedName));
    }

    private static bool IsNamed(TextDocument document, string name) =>
        string.Equals(Path.GetFileName(document.FilePath ?? document.Name), name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Every TA4009 of a project (or of each project of the solution) in one edit of its Unshipped file.</summary>
    private sealed class AddAllToWireContract : FixAllProvider
    {
        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            Project[] projects = fixAllContext.Scope == FixAllScope.Solution
                ? [.. fixAllContext.Solution.Projects]
                : [fixAllContext.Project];
            var linesByProject = new List<(ProjectId Id, string[] Lines)>();
            foreach (Project project in projects)
            {
                ImmutableArray<Diagnostic> diagnostics = await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                string[] lines = LinesOf(diagnostics.Where(d => d.Id == DiagnosticDescriptors.WireContractMissing.Id));
                if (lines.Length > 0)
                {
                    linesByProject.Add((project.Id, lines));
                }
            }

            return linesByProject.Count == 0
                ? null
                : CodeAction.Create(Title, async ct =>
                {
                    Solution solution = fixAllContext.Solution;
                    foreach ((ProjectId id, string[] lines) in linesByProject)
                    {
                        solution = await AddAsync(solution, id, lines, ct).ConfigureAwait(false);
                    }

                    return solution;
                }, equivalenceKey: Title);
        }
    }
}
