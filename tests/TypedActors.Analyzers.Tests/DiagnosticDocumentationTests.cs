using System.Reflection;
using Microsoft.CodeAnalysis;
using TypedActors.Analyzers.Tests.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Tests;

/// <summary>
/// Every rule in the one descriptors file is documented where a user looks for it: its help page (the link the IDE
/// opens), the rule table of docs/analyzers/README.md and the analyzer release tracking file, each with the
/// descriptor's own title, severity and category; and no page documents a rule that does not exist.
/// </summary>
public sealed class DiagnosticDocumentationTests
{
    public static TheoryData<string> Rules()
    {
        var rules = new TheoryData<string>();
        foreach (DiagnosticDescriptor descriptor in Descriptors())
        {
            rules.Add(descriptor.Id);
        }

        return rules;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_rule_has_its_help_page_an_index_row_and_a_release_entry(string id)
    {
        DiagnosticDescriptor rule = Descriptors().Single(d => d.Id == id);
        string severity = rule.DefaultSeverity.ToString();

        Assert.EndsWith($"/docs/analyzers/{id}.md", rule.HelpLinkUri, StringComparison.Ordinal);
        string[] page = File.ReadAllLines(Path.Combine(Folder(), id + ".md"));
        Assert.Equal($"# {id}: {rule.Title}", page[0]);
        Assert.Contains(page, line => line.Contains($"**{severity}**", StringComparison.Ordinal) || line == $"| Severity | {severity} |");
        Assert.Contains(page, line => line.Contains(rule.Category, StringComparison.Ordinal));

        string[] index = File.ReadAllLines(Path.Combine(Folder(), "README.md"));
        Assert.Contains(index, line => line.StartsWith($"| [{id}]({id}.md) | {severity} |", StringComparison.Ordinal));

        string releases = Path.Combine(Repository.Root.FullName, "analyzers", "TypedActors.Analyzers", "AnalyzerReleases.Unshipped.md");
        Assert.Contains(File.ReadAllLines(releases), line => line.StartsWith($"{id} | {rule.Category} | {severity} |", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_help_page_documents_an_existing_rule()
    {
        string[] pages = [.. Directory.EnumerateFiles(Folder(), "TA*.md").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];
        Assert.NotEmpty(pages);
        Assert.Equal(Descriptors().Select(d => d.Id).Order(StringComparer.Ordinal), pages);
    }

    private static string Folder() => Path.Combine(Repository.Root.FullName, "docs", "analyzers");

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!);
}
