using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedActors.Generators.Messages;
using TypedActors.Generators.Messages.Graph;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.WireContracts;

/// <summary>A type as the contract lists it: its wire name, its members, and where it is declared.</summary>
internal sealed record WireType(string WireName, ISymbol Symbol, IReadOnlyList<WireMember> Members);

/// <summary>A member as the contract lists it; <paramref name="Symbol"/> locates it, when it has a declaration.</summary>
internal sealed record WireMember(string WireName, string Type, ISymbol? Symbol);

/// <summary>
/// What a compilation puts on the wire and in the journal, as the contract lists it. It is read from the message type
/// model the generator writes formatters from (the same parser and the same plan of members), so it lists exactly the
/// members the formatters write: every message type of a handler, every <c>[ActorMessage]</c> type, every event type
/// of a <c>[Persistent]</c> actor, and what they contain; plus each persistent actor's snapshot state under the actor's
/// wire name. A type MessagePack serializes itself (<c>[MessagePackObject]</c>) and an abstract or interface type are
/// listed without members (their derived types are listed with theirs).
/// </summary>
internal static class WireContractModel
{
    public static IReadOnlyList<WireType> Build(
        Compilation compilation, IEnumerable<ITypeSymbol> roots, IEnumerable<INamedTypeSymbol> persistentActors, CancellationToken cancellationToken)
    {
        var parser = new MessageTypeParser(compilation, cancellationToken);
        List<TypeNode> walked = [.. roots.Select(parser.Walk)];
        var snapshots = new List<(INamedTypeSymbol Actor, List<(ISymbol Member, TypeNode Node)> Fields)>();
        foreach (INamedTypeSymbol actor in persistentActors.OrderBy(a => a.ToDisplayString(), System.StringComparer.Ordinal))
        {
            var fields = new List<(ISymbol, TypeNode)>();
            foreach ((IFieldSymbol field, IPropertySymbol? property) in PersistenceShape.PersistedMembers(actor))
            {
                if (PersistenceShape.MemberProblem(actor, field, property) is null && !HandlerTypesParser.IsOpen(field.Type))
                {
                    fields.Add(((ISymbol?)property ?? field, parser.Walk(field.Type)));
                }
            }

            snapshots.Add((actor, fields));
        }

        TypeGraphProofs.Run([.. parser.Objects]);
        Dictionary<string, ObjectNode> objects = parser.Objects.ToDictionary(o => TypeNames.Id(o.Name));
        List<MessageTypeModel> models = [.. ModelFreezer.Models(walked.Concat(snapshots.SelectMany(s => s.Fields.Select(f => f.Node))))];
        Dictionary<string, string> wireNames = models.ToDictionary(m => m.Id, m => m.WireName);

        var types = new List<WireType>();
        foreach (MessageTypeModel model in models.Where(m => m.SerializationProblem is null))
        {
            INamedTypeSymbol symbol = objects[model.Id].Symbol;
            IReadOnlyList<WireMember> members = model.UsesMessagePackAttribute || model.Shape == ObjectShape.Abstract
                ? []
                : [.. model.Members.Select(m => new WireMember(m.WireName, Render(m.Type, wireNames), FindMember(symbol, m.Name)))];
            types.Add(new WireType(model.WireName, symbol, members));
        }

        foreach ((INamedTypeSymbol actor, List<(ISymbol Member, TypeNode Node)> fields) in snapshots)
        {
            types.Add(new WireType(
                WireNames.Of(actor),
                actor,
                [.. fields.Select(f => new WireMember(WireNames.Of(f.Member), Render(ModelFreezer.Freeze(f.Node), wireNames), f.Member))]));
        }

        return types;
    }

    /// <summary>
    /// A member's type as the contract writes it: C# keywords for built-in types, wire names for message types (so a
    /// type renamed with <c>[WireName]</c> keeps its entry), namespace-qualified names for the rest, <c>?</c> for
    /// <c>Nullable&lt;T&gt;</c>. Nullable reference annotations are left out: they do not change the wire format.
    /// </summary>
    public static string Render(TypeRef type, IReadOnlyDictionary<string, string> wireNames)
    {
        string Argument(int i) => Render(type.Arguments[i], wireNames);
        switch (type.Kind)
        {
            case ShapeKind.Object:
                return type.ModelId is { } id && wireNames.TryGetValue(id, out string? wire) ? wire : Plain(type.Name);
            case ShapeKind.Array:
                return Argument(0) + "[]";
            case ShapeKind.Nullable:
                return Argument(0) + "?";
            case ShapeKind.ValueTuple:
                return "(" + string.Join(", ", type.Arguments.Select(a => Render(a, wireNames))) + ")";
            default:
                if (type.Arguments.Count == 0 || type.Name.IndexOf('<') < 0)
                {
                    return Plain(type.Name);
                }

                string definition = Plain(type.Name.Substring(0, type.Name.IndexOf('<')));
                return definition + "<" + string.Join(", ", type.Arguments.Select(a => Render(a, wireNames))) + ">";
        }
    }

    private static string Plain(string fullyQualified) => fullyQualified.Replace("global::", "");

    private static ISymbol? FindMember(INamedTypeSymbol type, string name)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current.GetMembers(name).FirstOrDefault(m => m is IPropertySymbol or IFieldSymbol) is { } member)
            {
                return member;
            }
        }

        return null;
    }
}
