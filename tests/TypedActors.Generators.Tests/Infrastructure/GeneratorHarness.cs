using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TypedActors.Generators.Tests.Infrastructure;

/// <summary>Compiles test sources against .NET 10 reference assemblies and the TypedActors runtime, and runs the generator.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(TypedActors.Actor).Assembly.Location)];

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "TestAssembly",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Default));

    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new ActorGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator over <paramref name="sources"/>.</summary>
    public static GeneratorRun Run(params string[] sources)
    {
        CSharpCompilation input = Compile(sources);
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorDriverRunResult result = driver.GetRunResult();
        var files = result.GeneratedTrees.ToDictionary(
            t => Path.GetFileName(t.FilePath),
            t => t.GetText().ToString());
        return new GeneratorRun(output, diagnostics, files);
    }
}

/// <summary>The outcome of one generator run.</summary>
internal sealed record GeneratorRun(Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics, IReadOnlyDictionary<string, string> Files)
{
    /// <summary>Errors and warnings of the compilation including the generated code (hidden/info diagnostics excluded).</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems =>
        [.. Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];
}
