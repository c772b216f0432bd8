using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedActors.Analyzers.Design;
using TypedActors.Generators.Actors;
using TypedActors.Generators.Messages;

namespace TypedActors.Analyzers.Tests.Infrastructure;

/// <summary>
/// Compiles sources the way an editor sees them: both generators run, then every TypedActors analyzer and suppressor
/// (plus any extra analyzers) over the generated compilation, all diagnostics at once, as a language server asks for
/// them with <c>CompilationWithAnalyzers.GetAllDiagnosticsAsync</c>. Suppressed diagnostics are kept and flagged.
/// </summary>
internal static class WholeCompilation
{
    public static readonly ImmutableArray<DiagnosticAnalyzer> TypedActorsAnalyzers =
    [
        .. typeof(UnhandledMessageAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!),
    ];

    /// <summary>The sources with the SDK's implicit usings, against .NET, the TypedActors runtime and MessagePack.</summary>
    public static CSharpCompilation Create(IEnumerable<string> sources) =>
        CSharpCompilation.Create(
            "Editor",
            [
                CSharpSyntaxTree.ParseText(TestReferences.GlobalUsings, TestReferences.ParseOptions, path: "GlobalUsings.cs"),
                .. sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, TestReferences.ParseOptions, path: $"File{i}.cs")),
            ],
            [
                .. TestReferences.All,
                MetadataReference.CreateFromFile(typeof(MessagePack.MessagePackSerializer).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(MessagePack.MessagePackObjectAttribute).Assembly.Location),
            ],
            // Assembly-version unification notes (CS1701/CS1702): every SDK build suppresses them too.
            TestReferences.CompilationOptions(OutputKind.DynamicallyLinkedLibrary).WithSpecificDiagnosticOptions(
                [new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

    /// <summary>A driver with both generators, as a project referencing TypedActors has.</summary>
    public static GeneratorDriver Generators() =>
        CSharpGeneratorDriver.Create([new ActorGenerator().AsSourceGenerator(), new MessageCopyGenerator().AsSourceGenerator()], parseOptions: TestReferences.ParseOptions);

    public static async Task<Result> AnalyzeAsync(IEnumerable<string> sources, params DiagnosticAnalyzer[] extraAnalyzers)
    {
        CSharpCompilation compilation = Create(sources);
        Generators().RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out ImmutableArray<Diagnostic> generatorDiagnostics);
        ImmutableArray<Diagnostic> diagnostics = await generated
            .WithAnalyzers(
                [.. TypedActorsAnalyzers, .. extraAnalyzers],
                new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true))
            .GetAllDiagnosticsAsync();
        return new Result(generatorDiagnostics, diagnostics);
    }

    internal sealed record Result(ImmutableArray<Diagnostic> GeneratorDiagnostics, ImmutableArray<Diagnostic> Diagnostics)
    {
        /// <summary>What an editor shows as errors and warnings: compiler, analyzer and generator diagnostics not suppressed.</summary>
        public IReadOnlyList<Diagnostic> Problems =>
            [.. Diagnostics.Concat(GeneratorDiagnostics).Where(d => !d.IsSuppressed && d.Severity >= DiagnosticSeverity.Warning)];

        public string Describe() => string.Join(Environment.NewLine, Problems.Select(d => d.ToString()));
    }
}
