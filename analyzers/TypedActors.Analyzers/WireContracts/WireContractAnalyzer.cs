using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Messages;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.WireContracts;

/// <summary>
/// TA4008 and TA4009: checks what the compilation puts on the wire and in the journal (<see cref="WireContractModel"/>)
/// against the project's wire contract files. A type or member listed in <c>WireContracts.Shipped.txt</c> that is gone
/// or has another type is TA4008, at the shipped line or the member; a type or member listed in neither file is TA4009,
/// whose code fix adds it to <c>WireContracts.Unshipped.txt</c>. A project without either file is not checked.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WireContractAnalyzer : ActorAnalyzer
{
    /// <summary>The property of a TA4009 diagnostic holding the contract lines to add, one per line.</summary>
    public const string LinesProperty = "WireContractLines";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.WireContractBroken, DiagnosticDescriptors.WireContractMissing);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols)
    {
        var files = new List<WireContractFile>();
        foreach (AdditionalText file in context.Options.AdditionalFiles)
        {
            if (WireContractFile.IsContractFile(file.Path, out bool isShipped) && file.GetText(context.CancellationToken) is { } text)
            {
                files.Add(WireContractFile.Read(file.Path, isShipped, text));
            }
        }

        if (files.Count == 0)
        {
            return; // the project keeps no wire contract
        }

        var roots = new ConcurrentBag<ITypeSymbol>();
        var persistent = new ConcurrentBag<INamedTypeSymbol>();
        context.RegisterSymbolAction(symbolContext => CollectRoots((INamedTypeSymbol)symbolContext.Symbol, roots, persistent), SymbolKind.NamedType);
        context.RegisterCompilationEndAction(end =>
        {
            IReadOnlyList<WireType> current = WireContractModel.Build(end.Compilation, roots.Distinct(SymbolEqualityComparer.Default).Cast<ITypeSymbol>(), persistent, end.CancellationToken);
            foreach (Diagnostic diagnostic in Compare(current, files))
            {
                end.ReportDiagnostic(diagnostic);
            }
        });
    }

    /// <summary>The wire roots a type declares: its handlers' message and reply types, its events, or itself.</summary>
    private static void CollectRoots(INamedTypeSymbol type, ConcurrentBag<ITypeSymbol> roots, ConcurrentBag<INamedTypeSymbol> persistent)
    {
        if (ActorSymbols.IsTypedActorsType(type, "Actor") || HandlerTypesParser.IsOpen(type))
        {
            return;
        }

        if (type.TypeParameters.Length == 0 && type.GetAttributes().Any(a => ActorSymbols.IsTypedActorsType(a.AttributeClass, "ActorMessageAttribute")))
        {
            roots.Add(type);
        }

        if (!ActorSymbols.IsActor(type))
        {
            return;
        }

        foreach (IMethodSymbol handler in type.GetMembers().OfType<IMethodSymbol>().Where(ActorShape.IsHandler))
        {
            foreach ((ITypeSymbol root, _, _) in HandlerTypesParser.Roots(handler, null, null).Where(r => !HandlerTypesParser.IsOpen(r.Type)))
            {
                roots.Add(root);
            }
        }

        if (PersistenceShape.IsPersistent(type))
        {
            persistent.Add(type);
            foreach ((_, ITypeSymbol eventType) in PersistenceShape.ValidApplyMethods(type).Where(a => !HandlerTypesParser.IsOpen(a.EventType)))
            {
                roots.Add(eventType);
            }
        }
    }

    private static IEnumerable<Diagnostic> Compare(IReadOnlyList<WireType> current, List<WireContractFile> files)
    {
        var shipped = files.Where(f => f.IsShipped).SelectMany(f => f.Lines).GroupBy(l => l.Key).ToDictionary(g => g.Key, g => g.First());
        var listed = new HashSet<string>(files.SelectMany(f => f.Lines).Select(l => l.Text), System.StringComparer.Ordinal);
        var currentTypes = new Dictionary<string, WireType>();
        foreach (WireType type in current)
        {
            currentTypes[type.WireName] = type;
        }

        foreach (WireContractLine line in shipped.Values.OrderBy(l => l.Key, System.StringComparer.Ordinal))
        {
            if (line.MemberName is null)
            {
                if (!currentTypes.ContainsKey(line.TypeName))
                {
                    yield return Broken(line.Location, line, $"no type has the wire name '{line.TypeName}' any more (removed, or renamed without [WireName(\"{line.TypeName}\")])");
                }

                continue;
            }

            if (!currentTypes.TryGetValue(line.TypeName, out WireType? type))
            {
                continue; // the type's own line reports it
            }

            WireMember? member = type.Members.FirstOrDefault(m => m.WireName == line.MemberName);
            if (member is null)
            {
                yield return Broken(
                    LocationOf(type.Symbol) ?? line.Location,
                    line,
                    $"'{type.WireName}' has no member with the wire name '{line.MemberName}' any more (removed, or renamed without [WireName(\"{line.MemberName}\")])");
            }
            else if (member.Type != line.MemberType)
            {
                yield return Broken(
                    LocationOf(member.Symbol) ?? LocationOf(type.Symbol) ?? line.Location,
                    line,
                    $"the type of '{type.WireName}.{line.MemberName}' changed from '{line.MemberType}' to '{member.Type}'");
            }
        }

        foreach (WireType type in current.OrderBy(t => t.WireName, System.StringComparer.Ordinal))
        {
            string typeLine = WireContractLine.TypeLine(type.WireName);
            string[] missingMembers = [.. type.Members
                .Select(m => (Member: m, Line: WireContractLine.MemberLine(type.WireName, m.WireName, m.Type)))
                .Where(m => !listed.Contains(m.Line) && !IsShippedWithOtherType(shipped, m.Line))
                .Select(m => m.Line)];
            if (!listed.Contains(typeLine))
            {
                yield return Missing(LocationOf(type.Symbol), $"Type '{type.WireName}'", [typeLine, .. missingMembers]);
                continue;
            }

            foreach (WireMember member in type.Members)
            {
                string line = WireContractLine.MemberLine(type.WireName, member.WireName, member.Type);
                if (missingMembers.Contains(line))
                {
                    yield return Missing(LocationOf(member.Symbol) ?? LocationOf(type.Symbol), $"Member '{type.WireName}.{member.WireName}'", [line]);
                }
            }
        }
    }

    /// <summary>A member whose shipped line has another type is TA4008's; listing it again would hide the break.</summary>
    private static bool IsShippedWithOtherType(Dictionary<string, WireContractLine> shipped, string line) =>
        shipped.ContainsKey(WireContractLine.Parse(line, Location.None).Key);

    private static Diagnostic Broken(Location location, WireContractLine line, string problem) =>
        Diagnostic.Create(DiagnosticDescriptors.WireContractBroken, location, $"'{line.Text}'", problem);

    private static Diagnostic Missing(Location? location, string what, string[] lines) =>
        Diagnostic.Create(
            DiagnosticDescriptors.WireContractMissing,
            location,
            ImmutableDictionary<string, string?>.Empty.Add(LinesProperty, string.Join("\n", lines)),
            what,
            lines.Length == 1 ? $"'{lines[0]}'" : $"'{lines[0]}' and its member lines '{string.Join("', '", lines.Skip(1))}'");

    private static Location? LocationOf(ISymbol? symbol) => symbol?.Locations.FirstOrDefault(l => l.IsInSource);
}
