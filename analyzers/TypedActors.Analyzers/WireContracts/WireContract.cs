using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.WireContracts;

/// <summary>
/// The rules of a project's wire contract. A type or member listed in <c>WireContracts.Shipped.txt</c> that is gone or
/// has another type is TA4008: at the shipped line for a type, at the type or member for a member. A type or member
/// listed in neither file is TA4009, whose code fix adds it to <c>WireContracts.Unshipped.txt</c>. Unshipped lines are
/// not compatibility promises: they may change until they ship.
/// </summary>
internal sealed class WireContract
{
    private readonly Dictionary<string, WireContractLine> _shipped;
    private readonly HashSet<string> _listed;

    public WireContract(IReadOnlyList<WireContractFile> files)
    {
        _shipped = files.Where(f => f.IsShipped).SelectMany(f => f.Lines).GroupBy(l => l.Key).ToDictionary(g => g.Key, g => g.First());
        _listed = new HashSet<string>(files.SelectMany(f => f.Lines).Select(l => l.Text), StringComparer.Ordinal);
    }

    /// <summary>TA4008 for each type line of <paramref name="shipped"/> whose wire name no type has any more.</summary>
    public static IEnumerable<Diagnostic> RemovedTypes(WireContractFile shipped, ISet<string> present) =>
        shipped.Lines
            .Where(l => l.MemberName is null && !present.Contains(l.TypeName))
            .Select(l => Broken(l.Location, l, $"no type has the wire name '{l.TypeName}' any more (removed, or renamed without [WireName(\"{l.TypeName}\")])"));

    /// <summary>TA4008 for the shipped members of <paramref name="type"/> that are gone or changed; TA4009 for what is not listed.</summary>
    public IEnumerable<Diagnostic> CheckType(WireType type)
    {
        foreach (WireContractLine line in _shipped.Values.Where(l => l.MemberName is not null && l.TypeName == type.WireName).OrderBy(l => l.Key, StringComparer.Ordinal))
        {
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

        // A member whose shipped line has another type is TA4008's; listing it again would hide the break.
        (WireMember Member, string Line)[] missing = [.. type.Members
            .Select(m => (Member: m, Line: WireContractLine.MemberLine(type.WireName, m.WireName, m.Type)))
            .Where(m => !_listed.Contains(m.Line) && !_shipped.ContainsKey(WireContractLine.Parse(m.Line, Location.None).Key))];
        string typeLine = WireContractLine.TypeLine(type.WireName);
        if (!_listed.Contains(typeLine))
        {
            yield return Missing(LocationOf(type.Symbol), $"Type '{type.WireName}'", [typeLine, .. missing.Select(m => m.Line)]);
            yield break;
        }

        foreach ((WireMember member, string line) in missing)
        {
            yield return Missing(LocationOf(member.Symbol) ?? LocationOf(type.Symbol), $"Member '{type.WireName}.{member.WireName}'", [line]);
        }
    }

    private static Diagnostic Broken(Location location, WireContractLine line, string problem) =>
        Diagnostic.Create(DiagnosticDescriptors.WireContractBroken, location, $"'{line.Text}'", problem);

    private static Diagnostic Missing(Location? location, string what, string[] lines) =>
        Diagnostic.Create(
            DiagnosticDescriptors.WireContractMissing,
            location,
            ImmutableDictionary<string, string?>.Empty.Add(WireContractAnalyzer.LinesProperty, string.Join("\n", lines)),
            what,
            lines.Length == 1 ? $"'{lines[0]}'" : $"'{lines[0]}' and its member lines '{string.Join("', '", lines.Skip(1))}'");

    private static Location? LocationOf(ISymbol? symbol) => symbol?.Locations.FirstOrDefault(l => l.IsInSource);
}
