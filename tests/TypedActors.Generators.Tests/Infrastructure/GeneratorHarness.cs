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
        [
            .. Net100.References.All,
            MetadataReference.CreateFromFile(typeof(TypedActors.Actor).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(MessagePack.MessagePackSerializer).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(MessagePack.MessagePackObjectAttribute).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
        ];

    public static CSharpCompilation Compile(params string[] sources) => CompileAs("TestAssembly", [], sources);

    /// <summary>Compiles <paramref name="sources"/> as the assembly <paramref name="assemblyName"/>, with more references.</summary>
    public static CSharpCompilation CompileAs(string assemblyName, IEnumerable<MetadataReference> extraReferences, params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            References.AddRange(extraReferences),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Default,
                // The SDK silences these assembly-unification notices by default (NoWarn 1701;1702); so do we.
                specificDiagnosticOptions: [new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

    /// <summary>A driver with the actor generator and, unless <paramref name="actorsOnly"/>, the message copy generator.</summary>
    public static GeneratorDriver CreateDriver(bool trackSteps = false, bool actorsOnly = false) =>
        CSharpGeneratorDriver.Create(
            actorsOnly
                ? [new global::TypedActors.Generators.Actors.ActorGenerator().AsSourceGenerator()]
                : [new global::TypedActors.Generators.Actors.ActorGenerator().AsSourceGenerator(), new global::TypedActors.Generators.Messages.MessageCopyGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs both generators over <paramref name="sources"/>.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(actorsOnly: false, sources);

    /// <summary>Runs the generators over <paramref name="sources"/>.</summary>
    public static GeneratorRun Run(bool actorsOnly, params string[] sources)
    {
        CSharpCompilation input = Compile(sources);
        GeneratorDriver driver = CreateDriver(actorsOnly: actorsOnly).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
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
