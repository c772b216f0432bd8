using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedActors.Generators.Messages.Graph;
using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Messages;

/// <summary>
/// Entry point of the copy pipeline for one <c>[Receive]</c> method: walks its message and reply types, runs the
/// proofs, reports what cannot be copied, and freezes the result into equatable models.
/// </summary>
internal static class HandlerTypesParser
{
    private static readonly HandlerMessageTypes Empty =
        new(EquatableArray<TypeRef>.Empty, EquatableArray<MessageTypeModel>.Empty, EquatableArray<DiagnosticInfo>.Empty);

    public static HandlerMessageTypes Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        if (!ActorShape.DerivesFromActor(method.ContainingType))
        {
            return Empty;
        }

        // A generic actor's handler types mention its type parameters; they are walked once closed, where a program names
        // the actor with type arguments (ParseClosedActor).
        var roots = Roots(method, method.Parameters.FirstOrDefault()?.Locations.FirstOrDefault(), method.Locations.FirstOrDefault())
            .Where(r => !IsOpen(r.Type))
            .ToList();
        return FromRoots(roots, context.SemanticModel.Compilation, cancellationToken);
    }

    /// <summary>
    /// Parses a generic actor named with type arguments, e.g. <c>Cache&lt;string, int&gt;</c> in <c>Spawn&lt;...&gt;()</c>
    /// or <c>ActorRef&lt;...&gt;</c>: the message and reply types of its handlers, closed over those arguments.
    /// Problems are reported where the closed type is named.
    /// </summary>
    public static (string Key, HandlerMessageTypes Types)? ParseClosedActor(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.SemanticModel.GetSymbolInfo(context.Node, cancellationToken).Symbol is not INamedTypeSymbol { IsGenericType: true } type
            || type.IsUnboundGenericType
            || SymbolEqualityComparer.Default.Equals(type, type.OriginalDefinition)
            || IsOpen(type)
            || !ActorShape.DerivesFromActor(type))
        {
            return null;
        }

        Location location = context.Node.GetLocation();
        var roots = new List<(ITypeSymbol Type, string Kind, Location? Location)>();
        for (INamedTypeSymbol? current = type; current is not null && !ActorShape.IsActorBase(current); current = current.BaseType)
        {
            foreach (IMethodSymbol handler in ActorShape.ValidHandlers(current))
            {
                roots.AddRange(Roots(handler, location, location));
            }
        }

        return (type.ToDisplayString(TypeNames.Identity), FromRoots(roots, context.SemanticModel.Compilation, cancellationToken));
    }

    internal static IEnumerable<(ITypeSymbol Type, string Kind, Location? Location)> Roots(IMethodSymbol method, Location? messageAt, Location? replyAt)
    {
        // Signature problems (TA1002) are the analyzers' to report; a type that cannot be a message is skipped here.
        if (!method.IsStatic && method.Parameters.Length is 1 or 2 && ActorShape.MessageTypeProblem(method.Parameters[0].Type) is null)
        {
            yield return (ActorShape.MessageType(method.Parameters[0].Type), "Message type", messageAt);
        }

        if (!method.ReturnsByRef && !method.ReturnsByRefReadonly
            && ActorShape.Returns(method).Reply is { } reply && ActorShape.MessageTypeProblem(reply) is null)
        {
            yield return (reply, "Reply type", replyAt);
        }
    }

    /// <summary>True when <paramref name="type"/> is or contains a type parameter.</summary>
    internal static bool IsOpen(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => IsOpen(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(IsOpen) || (named.ContainingType is { } outer && IsOpen(outer)),
        _ => false,
    };

    /// <summary>Parses a type marked <c>[ActorMessage]</c>: a message no handler takes, that still needs a wire format.</summary>
    public static HandlerMessageTypes ParseMarkedType(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || type.IsUnboundGenericType || type.TypeParameters.Length > 0)
        {
            return Empty;
        }

        return FromRoots([(type, "Message type", type.Locations.FirstOrDefault())], context.SemanticModel.Compilation, cancellationToken);
    }

    private static HandlerMessageTypes FromRoots(
        List<(ITypeSymbol Type, string Kind, Location? Location)> roots, Compilation compilation, CancellationToken cancellationToken)
    {
        var parser = new MessageTypeParser(compilation, cancellationToken);
        var walked = roots.Select(r => (Node: parser.Walk(r.Type), r.Type, r.Kind, r.Location)).ToList();
        List<ObjectNode> objects = [.. parser.Objects];
        TypeGraphProofs.Run(objects);

        var diagnostics = new List<DiagnosticInfo>();
        foreach ((TypeNode node, ITypeSymbol type, string kind, Location? location) in walked)
        {
            CopyProblemReporter.Report(diagnostics, node, kind, type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), location);
        }

        return new HandlerMessageTypes(
            walked.Select(w => ModelFreezer.Freeze(w.Node)).ToEquatableArray(),
            ModelFreezer.Models(walked.Select(w => w.Node)).ToEquatableArray(),
            diagnostics.ToEquatableArray());
    }
}
