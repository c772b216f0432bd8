using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Actors;

namespace TypedActors.Analyzers.Tests.Infrastructure;

/// <summary>Builds a whole project in memory, as the SDK would (generator included), and runs every TypedActors analyzer on it.</summary>
internal static class ProjectCompiler
{
    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers { get; } =
    [
        .. typeof(ActorAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.Name)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!),
    ];

    /// <summary>Parses <paramref name="sources"/> (path and text) and returns the compilation after the generator ran.</summary>
    public static Compilation Compile(
        string name, IEnumerable<(string Path, string Text)> sources, OutputKind kind, IEnumerable<MetadataReference>? extraReferences = null)
    {
        SyntaxTree[] trees =
        [
            CSharpSyntaxTree.ParseText(TestReferences.GlobalUsings, TestReferences.ParseOptions, "GlobalUsings.g.cs"),
            .. sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, TestReferences.ParseOptions, s.Path)),
        ];
        var compilation = CSharpCompilation.Create(
            name, trees, TestReferences.All.Concat(extraReferences ?? []), TestReferences.CompilationOptions(kind));
        CSharpGeneratorDriver
            .Create(new ActorGenerator())
            .WithUpdatedParseOptions(TestReferences.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out _);
        return generated;
    }

    /// <summary>A copy of <paramref name="compilation"/> with no cached binding, so that timings start cold.</summary>
    public static Compilation Fresh(Compilation compilation) =>
        CSharpCompilation.Create(compilation.AssemblyName, compilation.SyntaxTrees, compilation.References, (CSharpCompilationOptions)compilation.Options);

    public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, bool logExecutionTime = false) =>
        new CompilationWithAnalyzers(compilation, AllAnalyzers, Options(logExecutionTime)).GetAnalyzerDiagnosticsAsync();

    public static CompilationWithAnalyzersOptions Options(bool logExecutionTime) =>
        new(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: logExecutionTime);

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
}
