using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using TypedActors.Generators.Actors;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs one analyzer (and its code fix) over C# snippets the way a real project sees them: with the TypedActors
/// runtime referenced, the source generator running, and the SDK's implicit usings. Expected diagnostics are written
/// in the snippet as <c>{|TA2001:text|}</c>. Compiler errors are checked too, except for actors the generator rejects
/// (<paramref name="compilerErrors"/> false), which cannot compile by design.
/// </summary>
internal static class Verify
{
    private const string UsingsFile = "/0/GlobalUsings.cs";

    /// <param name="expected">Diagnostics checked with their message arguments too, beside those marked in the snippet.</param>
    public static Task Analyzer<TAnalyzer>(
        string source, bool compilerErrors = true, string? editorConfig = null, DiagnosticResult[]? expected = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new ActorAnalyzerTest<TAnalyzer> { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected ?? []);
        Configure(test, test.TestState, compilerErrors);
        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig));
        }

        return test.RunAsync();
    }

    /// <summary>An expected diagnostic of the rule <paramref name="id"/>, at its default severity.</summary>
    public static DiagnosticResult Diagnostic(string id) => new(DiagnosticDescriptors.ById(id));

    public static Task CodeFix<TAnalyzer, TCodeFix>(string source, string fixedSource, int codeActionIndex = 0, bool compilerErrors = true)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new ActorCodeFixTest<TAnalyzer, TCodeFix>
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionIndex = codeActionIndex,
        };
        Configure(test, test.TestState, compilerErrors);
        test.FixedState.Sources.Add((UsingsFile, TestReferences.GlobalUsings));
        return test.RunAsync();
    }

    private static void Configure<TVerifier>(AnalyzerTest<TVerifier> test, SolutionState state, bool compilerErrors)
        where TVerifier : IVerifier, new()
    {
        test.ReferenceAssemblies = TestReferences.NoDownload;
        test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        test.CompilerDiagnostics = compilerErrors ? CompilerDiagnostics.Errors : CompilerDiagnostics.None;
        state.AdditionalReferences.AddRange(TestReferences.All);
        state.Sources.Add((UsingsFile, TestReferences.GlobalUsings));
    }

    private sealed class ActorAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        protected override IEnumerable<Type> GetSourceGenerators() => [typeof(ActorGenerator)];

        protected override ParseOptions CreateParseOptions() => TestReferences.ParseOptions;

        protected override CompilationOptions CreateCompilationOptions() => TestReferences.CompilationOptions(OutputKind.DynamicallyLinkedLibrary);
    }

    private sealed class ActorCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        protected override IEnumerable<Type> GetSourceGenerators() => [typeof(ActorGenerator)];

        protected override ParseOptions CreateParseOptions() => TestReferences.ParseOptions;

        protected override CompilationOptions CreateCompilationOptions() => TestReferences.CompilationOptions(OutputKind.DynamicallyLinkedLibrary);
    }
}
