using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using TypedActors.Generators.Messages.Graph;
using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Messages;

/// <summary>
/// Walks what a copy of a root type would touch and reports what cannot be copied, with the member path from the
/// root (e.g. <c>Order.Lines[].Callback</c>). Inside a type that is passed by reference (immutable) nothing is copied,
/// so a problem there only stops serialization and is reported as a warning.
/// </summary>
internal sealed class CopyProblemReporter
{
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly string _rootKind;
    private readonly string _rootName;
    private readonly Location? _location;
    private readonly HashSet<ObjectNode> _visited = [];

    private CopyProblemReporter(List<DiagnosticInfo> diagnostics, string rootKind, string rootName, Location? location)
    {
        _diagnostics = diagnostics;
        _rootKind = rootKind;
        _rootName = rootName;
        _location = location;
    }

    /// <param name="rootKind">"Message type" or "Reply type".</param>
    public static void Report(List<DiagnosticInfo> diagnostics, TypeNode root, string rootKind, string rootName, Location? location) =>
        new CopyProblemReporter(diagnostics, rootKind, rootName, location).Visit(root, rootName, wireOnly: false);

    private void Visit(TypeNode node, string path, bool wireOnly)
    {
        switch (node.Kind)
        {
            case ShapeKind.Unsupported:
                Add(wireOnly || node.IsImmutable, path, "is " + node.Problem);
                return;
            case ShapeKind.Object:
                VisitObject(node.Object!, path, wireOnly);
                return;
            case ShapeKind.Dictionary or ShapeKind.DictionaryInterface or ShapeKind.ImmutableDictionary:
                Visit(node.Arguments[0], path + ".Keys[]", wireOnly);
                Visit(node.Arguments[1], path + "[]", wireOnly);
                return;
            case ShapeKind.ValueTuple or ShapeKind.Tuple:
                for (int i = 0; i < node.Arguments.Count; i++)
                {
                    Visit(node.Arguments[i], path + ".Item" + (i + 1), wireOnly);
                }

                return;
            case ShapeKind.Nullable:
                Visit(node.Arguments[0], path, wireOnly);
                return;
            default:
                foreach (TypeNode element in node.Arguments)
                {
                    Visit(element, path + "[]", wireOnly);
                }

                return;
        }
    }

    private void VisitObject(ObjectNode node, string path, bool wireOnly)
    {
        if (!_visited.Add(node))
        {
            return;
        }

        wireOnly |= node.IsImmutable;
        if (node.PlanProblem is { } problem)
        {
            Add(wireOnly, path, problem);
        }

        foreach (PlanMember member in node.Plan)
        {
            Visit(member.Node, path + "." + member.Name, wireOnly);
        }

        foreach (ObjectNode derived in node.Derived)
        {
            VisitObject(derived, path + "(" + derived.Symbol.Name + ")", wireOnly);
        }
    }

    private void Add(bool wireOnly, string path, string problem) =>
        _diagnostics.Add(DiagnosticInfo.Create(
            wireOnly ? DiagnosticDescriptors.MessageNotSerializable : DiagnosticDescriptors.MessageNotCopyable,
            _location, _rootKind, _rootName, path, problem));
}
