using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Messages.Graph;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.WireContracts;

/// <summary>
/// TA4010: a <c>[WireName]</c> is well formed (<see cref="WireNames.Problem"/>) and unique: no other type of the
/// compilation has the same wire name, and no other member of the type has the same one (member keys are matched
/// without regard to case when read, so case alone does not tell two apart).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WireNameAnalyzer : ActorAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidWireName);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols)
    {
        if (context.Compilation.GetTypeByMetadataName("TypedActors." + WireNames.AttributeName) is null)
        {
            return; // a runtime without [WireName]
        }

        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (WireNames.Declared(type) is { } typeName)
        {
            string? problem = WireNames.Problem(typeName, isMember: false);
            if (problem is null)
            {
                INamedTypeSymbol? other = SourceTypes.Of(context.Compilation)
                    .FirstOrDefault(t => !SymbolEqualityComparer.Default.Equals(t, type) && WireNames.Of(t) == typeName);
                problem = other is null ? null : $"is also the wire name of '{other.ToDisplayString()}'";
            }

            Report(context, type, "Type", type.Name, typeName, problem);
        }

        var members = type.GetMembers()
            .Where(m => !m.IsStatic && !m.IsImplicitlyDeclared && m is IPropertySymbol or IFieldSymbol)
            .Select(m => (Member: m, WireName: WireNames.Of(m), Declared: WireNames.Of(m) != m.Name))
            .ToList();
        foreach ((ISymbol member, string wireName, bool declared) in members.Where(m => m.Declared))
        {
            string? problem = WireNames.Problem(wireName, isMember: true);
            if (problem is null && members.FirstOrDefault(m => !SymbolEqualityComparer.Default.Equals(m.Member, member)
                    && string.Equals(m.WireName, wireName, System.StringComparison.OrdinalIgnoreCase)) is { Member: { } other })
            {
                problem = $"is also the wire name of '{other.Name}' (keys are matched without regard to case)";
            }

            Report(context, member, "Member", type.Name + "." + member.Name, wireName, problem);
        }
    }

    private static void Report(SymbolAnalysisContext context, ISymbol symbol, string kind, string name, string wireName, string? problem)
    {
        if (problem is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.InvalidWireName, symbol.Locations.FirstOrDefault(), kind, name, wireName, problem));
        }
    }
}
