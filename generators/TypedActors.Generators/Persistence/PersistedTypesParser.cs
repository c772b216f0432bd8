using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedActors.Generators.Messages;
using TypedActors.Generators.Messages.Graph;
using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Persistence;

/// <summary>
/// The copy pipeline's entry for a <c>[Persistent]</c> class: its event types and the types of its persisted members
/// are roots, like handler message types, so each gets its generated formatter (events and snapshots are stored with
/// them). Unlike a message, a stored value has no local path to fall back on: every problem the type model finds in
/// one, copy or wire, is <c>TA4006</c>, an error, as is a member generated code cannot write back.
/// </summary>
internal static class PersistedTypesParser
{
    private const string EventKind = "Event type";
    private const string FieldKind = "Persisted field";
    private const string FieldHint = "mark the member [NotState] if the constructor rebuilds it (a service, a cache), or change its type";
    private const string EventHint = "an event is stored as it is, so its members must have a wire format";

    public static HandlerMessageTypes Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var roots = new List<(ITypeSymbol Type, string Kind, string Name, Location? Location)>();
        if (context.TargetSymbol is INamedTypeSymbol type && ActorShape.DerivesFromActor(type))
        {
            CollectRoots(type, roots, diagnostics);
        }

        var parser = new MessageTypeParser(context.SemanticModel.Compilation, cancellationToken);
        var walked = roots.Select(r => (Node: parser.Walk(r.Type), r.Kind, r.Name, r.Location)).ToList();
        TypeGraphProofs.Run([.. parser.Objects]);

        var problems = new List<DiagnosticInfo>();
        foreach ((TypeNode node, string kind, string name, Location? location) in walked)
        {
            CopyProblemReporter.Report(problems, node, kind, name, location);
        }

        // The reporter words a problem for messages (TA2005, TA2006); for a stored value each is TA4006.
        diagnostics.AddRange(problems.Select(p => p with
        {
            DescriptorId = DiagnosticDescriptors.PersistedTypeNotStorable.Id,
            Arguments = p.Arguments.Concat([p.Arguments[0] == EventKind ? EventHint : FieldHint]).ToEquatableArray(),
        }));

        return new HandlerMessageTypes(
            walked.Select(w => ModelFreezer.Freeze(w.Node)).ToEquatableArray(),
            ModelFreezer.Models(walked.Select(w => w.Node)).ToEquatableArray(),
            diagnostics.ToEquatableArray());
    }

    private static void CollectRoots(
        INamedTypeSymbol type, List<(ITypeSymbol Type, string Kind, string Name, Location? Location)> roots, List<DiagnosticInfo> diagnostics)
    {
        foreach ((IMethodSymbol method, ITypeSymbol eventType) in PersistenceShape.ValidApplyMethods(type))
        {
            if (!HandlerTypesParser.IsOpen(eventType))
            {
                roots.Add((eventType, EventKind, TypeNames.Display(eventType), method.Parameters[0].Locations.FirstOrDefault()));
            }
        }

        foreach ((IFieldSymbol field, IPropertySymbol? property) in PersistenceShape.PersistedMembers(type))
        {
            ISymbol member = (ISymbol?)property ?? field;
            string name = type.Name + "." + member.Name;
            Location? location = member.Locations.FirstOrDefault();
            if (PersistenceShape.MemberProblem(type, field, property) is { } problem)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PersistedTypeNotStorable, location, FieldKind, name, name, problem, FieldHint));
            }
            else if (!HandlerTypesParser.IsOpen(field.Type))
            {
                roots.Add((field.Type, FieldKind, name, location));
            }
        }

        foreach ((INamedTypeSymbol owner, IFieldSymbol field, IPropertySymbol? property) in PersistenceShape.BaseClassMembers(type))
        {
            ISymbol member = (ISymbol?)property ?? field;
            string name = owner.Name + "." + member.Name;
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.PersistedTypeNotStorable,
                type.Locations.FirstOrDefault(),
                FieldKind,
                name,
                name,
                $"is declared by the base class '{owner.Name}', and the snapshot of '{type.Name}' holds only the fields '{type.Name}' declares",
                "move the member into the persistent class, or mark it [NotState] if the base class's constructor rebuilds it"));
        }
    }
}
