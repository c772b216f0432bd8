using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TypedActors.Generators.Shared;

/// <summary>
/// What makes a class a valid actor and a method a valid handler. The one definition shared by the generator (which
/// emits what keeps an invalid actor compiling, so its TA error is the only one) and the analyzers (which report why
/// it is invalid); the analyzer project links this folder so both always agree.
/// </summary>
internal static class ActorShape
{
    public const string ActorMetadataName = "TypedActors.Actor";
    public const string ReceiveAttributeMetadataName = "TypedActors.ReceiveAttribute";

    /// <summary>How message, reply and parameter types are written in generated code.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// A message type as a type pattern and as the identity of a runtime type: value tuples as <c>ValueTuple&lt;...&gt;</c>
    /// (<c>case (int, string) m</c> would be a positional pattern) and no tuple element names or nullable annotations,
    /// which the runtime type does not have.
    /// </summary>
    public static readonly SymbolDisplayFormat RuntimeTypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.ExpandValueTuple);

    public static bool DerivesFromActor(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (IsActorBase(current))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsActorBase(INamedTypeSymbol type) =>
        type.Name == "Actor" && type.ContainingNamespace is { Name: "TypedActors", ContainingNamespace.IsGlobalNamespace: true };

    public static bool IsHandler(IMethodSymbol method) =>
        method.GetAttributes().Any(a => a.AttributeClass is
        {
            Name: "ReceiveAttribute",
            ContainingType: null,
            ContainingNamespace: { Name: "TypedActors", ContainingNamespace.IsGlobalNamespace: true },
        });

    /// <summary>The first declaration of <paramref name="type"/> that lacks <c>partial</c>, or null.</summary>
    public static TypeDeclarationSyntax? FirstNonPartialDeclaration(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(cancellationToken))
            .OfType<TypeDeclarationSyntax>()
            .FirstOrDefault(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword));

    /// <summary>The types <paramref name="type"/> is nested in that are not partial, innermost first.</summary>
    public static IEnumerable<INamedTypeSymbol> NonPartialContainingTypes(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (FirstNonPartialDeclaration(outer, cancellationToken) is not null)
            {
                yield return outer;
            }
        }
    }

    /// <summary>Null when the type can be named at namespace level (public or internal all the way out).</summary>
    public static string? InaccessibleReason(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            bool self = current.Equals(type, SymbolEqualityComparer.Default);
            switch (current.DeclaredAccessibility)
            {
                case Accessibility.Private:
                    return self ? "private" : $"nested in private type '{current.Name}'";
                case Accessibility.Protected:
                case Accessibility.ProtectedAndInternal:
                    return self ? "protected" : $"nested in protected type '{current.Name}'";
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="method"/> cannot be a <c>[Receive]</c> handler, or null when it can.</summary>
    public static string? HandlerSignatureProblem(IMethodSymbol method)
    {
        if (method.IsStatic)
        {
            return "it must be an instance method";
        }

        if (method.IsGenericMethod)
        {
            return "it must not be generic";
        }

        if (method.Parameters.Length is < 1 or > 2
            || (method.Parameters.Length == 2 && !IsCancellationToken(method.Parameters[1].Type)))
        {
            return "it must take the message as its only parameter, optionally followed by a CancellationToken";
        }

        IParameterSymbol message = method.Parameters[0];
        if (message.RefKind != RefKind.None || message.IsParams)
        {
            return "the message parameter must be passed by value";
        }

        if (MessageTypeProblem(message.Type) is { } problem)
        {
            return problem;
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly || method.ReturnType.IsRefLikeType)
        {
            return "it must not return by reference or return a ref struct";
        }

        if (method.IsAsync && method.ReturnsVoid)
        {
            return "'async void' cannot be awaited by the actor; return Task instead";
        }

        return null;
    }

    /// <summary>
    /// Why <paramref name="type"/> cannot be a message (or reply) type, or null when it can: a type parameter would match
    /// any message, pointers and ref structs cannot be queued, and <c>object</c> or a <c>CancellationToken</c> select nothing.
    /// </summary>
    public static string? MessageTypeProblem(ITypeSymbol type)
    {
        if (type is ITypeParameterSymbol parameter)
        {
            return $"the type parameter '{parameter.Name}' cannot be a message type: a message of any type would match it; wrap it in a message type, e.g. 'Put<{parameter.Name}>'";
        }

        if (type is IPointerTypeSymbol or IFunctionPointerTypeSymbol or IErrorTypeSymbol || type.IsRefLikeType)
        {
            return $"'{type.ToDisplayString()}' cannot be a message type";
        }

        if (type.SpecialType == SpecialType.System_Object || IsCancellationToken(type))
        {
            return $"'{type.ToDisplayString()}' cannot be a message type; handle a specific type";
        }

        return null;
    }

    /// <summary>
    /// How a handler returns and the type of its reply: none for <c>void</c>, <c>Task</c> and <c>ValueTask</c>, <c>T</c>
    /// for <c>Task&lt;T&gt;</c> and <c>ValueTask&lt;T&gt;</c>, the returned type otherwise.
    /// </summary>
    public static (ReturnKind Kind, ITypeSymbol? Reply) Returns(IMethodSymbol method)
    {
        if (method.ReturnsVoid)
        {
            return (ReturnKind.Void, null);
        }

        if (method.ReturnType is INamedTypeSymbol named && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks")
        {
            switch (named.MetadataName)
            {
                case "Task":
                    return (ReturnKind.Task, null);
                case "ValueTask":
                    return (ReturnKind.ValueTask, null);
                case "Task`1":
                    return (ReturnKind.TaskOfT, named.TypeArguments[0]);
                case "ValueTask`1":
                    return (ReturnKind.ValueTaskOfT, named.TypeArguments[0]);
            }
        }

        return (ReturnKind.Value, method.ReturnType);
    }

    /// <summary>The message type a handler parameter accepts: <c>T?</c> of a value type handles <c>T</c>.</summary>
    public static ITypeSymbol MessageType(ITypeSymbol parameterType) =>
        parameterType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : parameterType;

    /// <summary>The key under which two handlers collide: the runtime type they would both match.</summary>
    public static string MessageTypeKey(ITypeSymbol messageType) => messageType.ToDisplayString(RuntimeTypeFormat);

    /// <summary>The valid handlers declared by <paramref name="type"/> itself, first handler per message type.</summary>
    public static IEnumerable<IMethodSymbol> ValidHandlers(INamedTypeSymbol type) =>
        HandlersByMessageType(type).Where(h => h.FirstForMessageType is null).Select(h => h.Method);

    /// <summary>
    /// Every valid handler declared by <paramref name="type"/> itself, with the earlier handler of the same message
    /// type when there is one (a duplicate).
    /// </summary>
    public static IEnumerable<(IMethodSymbol Method, ITypeSymbol MessageType, IMethodSymbol? FirstForMessageType)> HandlersByMessageType(INamedTypeSymbol type)
    {
        var seen = new Dictionary<string, IMethodSymbol>();
        foreach (IMethodSymbol method in type.GetMembers().OfType<IMethodSymbol>().Where(IsHandler))
        {
            if (HandlerSignatureProblem(method) is not null)
            {
                continue;
            }

            ITypeSymbol messageType = MessageType(method.Parameters[0].Type);
            string key = MessageTypeKey(messageType);
            if (seen.TryGetValue(key, out IMethodSymbol? first))
            {
                yield return (method, messageType, first);
                continue;
            }

            seen.Add(key, method);
            yield return (method, messageType, null);
        }
    }

    /// <summary>True when the generator can add members to <paramref name="type"/>: it and every type it is nested in are partial.</summary>
    /// <summary>
    /// TA1001 and TA1007: why the generator cannot add its part to <paramref name="actor"/>, each where it is reported.
    /// The analyzers report them, and so does the actor generator: the compiler prints generator diagnostics before its
    /// own errors, so the TA error comes first even when code using the missing part (<c>Self</c>) adds CS0103.
    /// </summary>
    public static IEnumerable<DiagnosticInfo> ExtensionProblems(INamedTypeSymbol actor, CancellationToken cancellationToken)
    {
        if (FirstNonPartialDeclaration(actor, cancellationToken) is { } declaration)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.ActorNotPartial, declaration.Identifier.GetLocation(), actor.Name);
        }

        Location? location = actor.Locations.FirstOrDefault();
        foreach (INamedTypeSymbol outer in NonPartialContainingTypes(actor, cancellationToken))
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, location, actor.Name, outer.Name);
        }
    }

    public static bool CanBeExtended(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        FirstNonPartialDeclaration(type, cancellationToken) is null && !NonPartialContainingTypes(type, cancellationToken).Any();

    public static bool IsCancellationToken(ITypeSymbol type) =>
        type.ToDisplayString() == "System.Threading.CancellationToken";
}
