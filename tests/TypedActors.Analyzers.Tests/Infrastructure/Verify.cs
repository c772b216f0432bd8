using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
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
        string source,
        bool compilerErrors = true,
        string? editorConfig = null,
        DiagnosticResult[]? expected = null,
        params (string Path, string Text)[] additionalFiles)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new ActorAnalyzerTest<TAnalyzer> { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected ?? []);
        Configure(test, test.TestState, compilerErrors);
        AddFiles(test.TestState, additionalFiles);
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

    /// <summary>A code fix that edits or adds additional files (the wire contract), with the source left as it is.</summary>
    public static Task AdditionalFileFix<TAnalyzer, TCodeFix>(
        string source, (string Path, string Text)[] additionalFiles, (string Path, string Text)[] fixedAdditionalFiles, int iterations = 1)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new ActorCodeFixTest<TAnalyzer, TCodeFix> { TestCode = source, FixedCode = RemoveMarkup(source), NumberOfFixAllIterations = iterations };
        Configure(test, test.TestState, compilerErrors: true);
        AddFiles(test.TestState, additionalFiles);
        test.FixedState.Sources.Add((UsingsFile, TestReferences.GlobalUsings));
        foreach ((string path, string text) in fixedAdditionalFiles)
        {
            // A file the fix creates is written as UTF-8 without a byte order mark; an edited one keeps its encoding.
            bool created = !additionalFiles.Any(f => f.Path == path);
            test.FixedState.AdditionalFiles.Add((path, created ? SourceText.From(text, new System.Text.UTF8Encoding(false)) : SourceText.From(text)));
        }
        return test.RunAsync();
    }

    private static void AddFiles(SolutionState state, (string Path, string Text)[] files)
    {
        foreach ((string path, string text) in files)
        {
            state.AdditionalFiles.Add((path, text));
        }
    }

    private static string RemoveMarkup(string source) =>
        System.Text.RegularExpressions.Regex.Replace(source, @"\{\|TA\d+:(.*?)\|\}", "$1", System.Text.RegularExpressions.RegexOptions.Singleline);

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
