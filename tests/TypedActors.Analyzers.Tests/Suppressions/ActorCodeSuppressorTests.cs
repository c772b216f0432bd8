using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests.Suppressions;

/// <summary>
/// The suppressor removes CA1822, IDE0051, IDE0060, CA1812 and CA2007 where they are wrong for actor code, and nowhere
/// else. The findings come from <see cref="EverywhereAnalyzer"/>, which reports each id wherever its real analyzer
/// could (those live in the SDK, built for another Roslyn); the real ones are checked by the command-line build in
/// TypedActors.Package.Tests.
/// </summary>
public sealed class ActorCodeSuppressorTests
{
    private const string Source = """
        public sealed record Add(int Amount);
        public sealed record Ping;

        public partial class Tally : Actor
        {
            private int _total;

            [Receive] void On(Add message) => _total += message.Amount;
            [Receive] int On(Ping message) => 42;
            [Receive] async Task<int> Later(Add message, CancellationToken ct) { await Task.Delay(1, ct); return message.Amount; }
            private int Helper(int unused) => 1;
        }

        public class NotAnActor
        {
            [Receive] int On(Ping message) => 1;
            private async Task<int> Wait(int unused) { await Task.Delay(1); return 2; }
        }
        """;

    [Fact]
    public async Task Findings_on_actor_code_are_suppressed_and_the_same_findings_elsewhere_stay()
    {
        WholeCompilation.Result result = await WholeCompilation.AnalyzeAsync([Source], new EverywhereAnalyzer());

        string[] Describe(bool suppressed) =>
        [
            .. result.Diagnostics
                .Where(d => d.Id is "CA1822" or "IDE0051" or "IDE0060" or "CA1812" or "CA2007" && d.IsSuppressed == suppressed)
                .Select(d => $"{d.Id} {d.Location.SourceTree!.GetText().GetSubText(d.Location.SourceSpan)}")
                .Order(StringComparer.Ordinal),
        ];

        Assert.Equal(
            [
                "CA1812 Tally",
                "CA1822 Later", "CA1822 On", "CA1822 On",
                "CA2007 Task.Delay(1, ct)",
                "IDE0051 Later", "IDE0051 On", "IDE0051 On",
                "IDE0060 message", "IDE0060 message", "IDE0060 message",
            ],
            Describe(suppressed: true));
        Assert.Equal(
            [
                "CA1812 NotAnActor",
                "CA1822 Helper", "CA1822 On", "CA1822 Wait",
                "CA2007 Task.Delay(1)",
                "IDE0051 Helper", "IDE0051 On", "IDE0051 Wait",
                "IDE0060 ct", "IDE0060 message", "IDE0060 unused", "IDE0060 unused",
            ],
            Describe(suppressed: false));
    }

    /// <summary>
    /// Reports CA1822 and IDE0051 on every method of the test sources, IDE0060 on every method parameter, CA1812 on
    /// every class and CA2007 on every awaited expression.
    /// </summary>
#pragma warning disable RS1036 // a test double run in memory by the test itself, never loaded by a compiler host
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class EverywhereAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableDictionary<string, DiagnosticDescriptor> Rules =
            new[] { "CA1822", "IDE0051", "IDE0060", "CA1812", "CA2007" }.ToImmutableDictionary(
                id => id, id => new DiagnosticDescriptor(id, id, id, "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true));

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [.. Rules.Values];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(
                c =>
                {
                    (string[] ids, Location location) = c.Node switch
                    {
                        MethodDeclarationSyntax method => (new[] { "CA1822", "IDE0051" }, method.Identifier.GetLocation()),
                        ParameterSyntax { Parent.Parent: MethodDeclarationSyntax } parameter => (["IDE0060"], parameter.Identifier.GetLocation()),
                        ClassDeclarationSyntax type => (["CA1812"], type.Identifier.GetLocation()),
                        AwaitExpressionSyntax awaited => (["CA2007"], awaited.Expression.GetLocation()),
                        _ => ([], Location.None),
                    };
                    foreach (string id in ids)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rules[id], location));
                    }
                },
                SyntaxKind.MethodDeclaration, SyntaxKind.Parameter, SyntaxKind.ClassDeclaration, SyntaxKind.AwaitExpression);
        }
    }
#pragma warning restore RS1036
}
