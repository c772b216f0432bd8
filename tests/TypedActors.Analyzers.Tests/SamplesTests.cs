using Microsoft.CodeAnalysis;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests;

/// <summary>The samples are the idiomatic code the rules must never flag.</summary>
public sealed class SamplesTests
{
    public static TheoryData<string> Samples()
    {
        var samples = new TheoryData<string>();
        foreach (DirectoryInfo project in SamplesFolder().EnumerateDirectories().Where(d => d.EnumerateFiles("*.csproj").Any()).OrderBy(d => d.Name))
        {
            samples.Add(project.Name);
        }

        return samples;
    }

    [Fact]
    public void The_samples_are_found() => Assert.True(Samples().Count >= 2, $"expected the samples under {SamplesFolder().FullName}");

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Every_analyzer_reports_nothing_on_a_sample(string sample)
    {
        var project = new DirectoryInfo(Path.Combine(SamplesFolder().FullName, sample));
        // A sample's Hosting folder wires its actors into a host (e.g. an Orleans silo) whose assemblies this compilation
        // does not load; the rules are about actor code, so only the rest is analyzed, as a library.
        string hosting = Path.Combine(project.FullName, "Hosting") + Path.DirectorySeparatorChar;
        var sources = Repository.SourcesOf(project).Where(s => !s.Path.StartsWith(hosting, StringComparison.Ordinal)).ToList();
        bool hosted = Directory.Exists(hosting);
        Compilation compilation = ProjectCompiler.Compile(
            sample,
            sources,
            hosted ? OutputKind.DynamicallyLinkedLibrary : OutputKind.ConsoleApplication,
            hosted ? [] : SampleReferences.For(project));

        Diagnostic[] errors = [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
        Assert.True(errors.Length == 0, ProjectCompiler.Describe(errors));
        Assert.Contains(compilation.SyntaxTrees, t => t.FilePath.EndsWith(".Actor.g.cs", StringComparison.Ordinal));

        var diagnostics = await ProjectCompiler.AnalyzeAsync(compilation);
        Assert.True(diagnostics.IsEmpty, ProjectCompiler.Describe(diagnostics));
    }

    private static DirectoryInfo SamplesFolder() => new(Path.Combine(Repository.Root.FullName, "samples"));
}
