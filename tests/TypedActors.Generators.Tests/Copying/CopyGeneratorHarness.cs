using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedActors.Generators.Actors;
using TypedActors.Generators.Messages;

namespace TypedActors.Generators.Tests.Copying;

/// <summary>Compiles a snippet against the runtime and MessagePack with both generators, Nullable enabled.</summary>
internal static class CopyGeneratorHarness
{
    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(Actor).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(MessagePack.MessagePackSerializer).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(MessagePack.MessagePackObjectAttribute).Assembly.Location),
    ];

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            "CopyTests",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{Array.IndexOf(sources, s)}.cs")),
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true,
                warningLevel: 9999,
                // Assembly-version unification notes, suppressed by default in every SDK build too.
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                {
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));

    public static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create(
            [new ActorGenerator().AsSourceGenerator(), new MessageCopyGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generators; returns the generator diagnostics, the compiled result's diagnostics and the generated files.</summary>
    public static Result Run(params string[] sources)
    {
        CSharpCompilation compilation = Compilation(sources);
        Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        ImmutableArray<Diagnostic> compileDiagnostics = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToImmutableArray();
        Dictionary<string, string> files = output.SyntaxTrees
            .Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))
            .ToDictionary(t => Path.GetFileName(t.FilePath), t => t.ToString());
        return new Result(generatorDiagnostics, compileDiagnostics, files);
    }

    internal sealed record Result(
        ImmutableArray<Diagnostic> GeneratorDiagnostics,
        ImmutableArray<Diagnostic> CompileDiagnostics,
        IReadOnlyDictionary<string, string> Files)
    {
        public IEnumerable<string> Messages(string id) =>
            GeneratorDiagnostics.Where(d => d.Id == id).Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
