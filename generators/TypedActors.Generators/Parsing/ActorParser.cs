using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedActors.Generators.Diagnostics;
using TypedActors.Generators.Models;

namespace TypedActors.Generators.Parsing;

/// <summary>Turns an actor class symbol into an <see cref="ActorModel"/> plus diagnostics.</summary>
internal static class ActorParser
{
    public const string ActorMetadataName = "TypedActors.Actor";
    public const string ReceiveAttributeMetadataName = "TypedActors.ReceiveAttribute";

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Parses the class that declares a <c>[Receive]</c> method.</summary>
    public static ActorResult ParseHandlerOwner(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        INamedTypeSymbol owner = method.ContainingType;
        if (!DerivesFromActor(owner))
        {
            return new ActorResult(
                Key(owner) + "|" + method.Name,
                Model: null,
                new[]
                {
                    DiagnosticInfo.Create(DiagnosticDescriptors.ReceiveOutsideActor, method.Locations.FirstOrDefault(), method.Name, owner.Name),
                }.ToEquatableArray());
        }

        return Parse(owner, cancellationToken);
    }

    /// <summary>Parses a class deriving from Actor that declares no <c>[Receive]</c> method (the other pipeline sees the rest).</summary>
    public static ActorResult? ParseActorWithoutHandlers(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.SemanticModel.GetDeclaredSymbol(context.Node, cancellationToken) is not INamedTypeSymbol type
            || !DerivesFromActor(type)
            || type.GetMembers().OfType<IMethodSymbol>().Any(IsHandler))
        {
            return null;
        }

        return Parse(type, cancellationToken);
    }

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

    private static bool IsActorBase(INamedTypeSymbol type) =>
        type.Name == "Actor" && type.ContainingNamespace is { Name: "TypedActors", ContainingNamespace.IsGlobalNamespace: true };

    private static bool IsHandler(IMethodSymbol method) =>
        method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ReceiveAttributeMetadataName);

    private static string Key(INamedTypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static ActorResult Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        string key = Key(type);

        ClassDeclarationSyntax? notPartial = type.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(cancellationToken))
            .OfType<ClassDeclarationSyntax>()
            .FirstOrDefault(c => !c.Modifiers.Any(SyntaxKind.PartialKeyword));
        if (notPartial is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ActorNotPartial, notPartial.Identifier.GetLocation(), type.Name));
        }

        if (type.TypeParameters.Length > 0 || AnyContainingType(type, t => t.TypeParameters.Length > 0))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericActor, type.Locations.FirstOrDefault(), type.Name));
        }

        var containing = new List<ContainingTypeModel>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (!IsPartial(outer, cancellationToken))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, type.Locations.FirstOrDefault(), type.Name, outer.Name));
            }

            containing.Insert(0, new ContainingTypeModel(Keyword(outer), outer.Name));
        }

        string? hidden = InaccessibleReason(type);
        if (hidden is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InaccessibleActor, type.Locations.FirstOrDefault(), type.Name, hidden));
        }

        List<HandlerModel> handlers = ParseHandlers(type, diagnostics, reportProblems: true);
        var inherited = new List<HandlerModel>();
        for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null && !IsActorBase(baseType); baseType = baseType.BaseType)
        {
            foreach (HandlerModel handler in ParseHandlers(baseType, diagnostics: null, reportProblems: false))
            {
                if (!handlers.Any(h => h.MessageType == handler.MessageType) && !inherited.Any(h => h.MessageType == handler.MessageType))
                {
                    inherited.Add(handler);
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (diagnostics.Count > 0)
        {
            return new ActorResult(key, Model: null, diagnostics.ToEquatableArray());
        }

        string ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
        string nestedName = string.Join(".", containing.Select(c => c.Name).Concat([type.Name]));
        var model = new ActorModel(
            Namespace: ns,
            Name: type.Name,
            FullyQualifiedName: key,
            HintName: (ns.Length == 0 ? "" : ns + ".") + nestedName + ".Actor.g.cs",
            IsPublic: IsEffectivelyPublic(type),
            IsAbstract: type.IsAbstract,
            BaseIsActor: type.BaseType is { } b && !IsActorBase(b),
            ContainingTypes: containing.ToEquatableArray(),
            Constructor: type.IsAbstract ? null : ChooseConstructor(type),
            Handlers: Order(handlers).ToEquatableArray(),
            InheritedHandlers: Order(inherited).ToEquatableArray());
        return new ActorResult(key, model, EquatableArray<DiagnosticInfo>.Empty);
    }

    private static List<HandlerModel> ParseHandlers(INamedTypeSymbol type, List<DiagnosticInfo>? diagnostics, bool reportProblems)
    {
        var handlers = new List<HandlerModel>();
        var seen = new Dictionary<string, IMethodSymbol>();
        foreach (IMethodSymbol method in type.GetMembers().OfType<IMethodSymbol>().Where(IsHandler))
        {
            string? problem = SignatureProblem(method);
            if (problem is not null)
            {
                if (reportProblems)
                {
                    diagnostics!.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidHandlerSignature, method.Locations.FirstOrDefault(), method.Name, problem));
                }

                continue;
            }

            ITypeSymbol messageType = MessageType(method.Parameters[0].Type);
            string messageTypeName = messageType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat);
            if (seen.TryGetValue(messageTypeName, out IMethodSymbol? first))
            {
                if (reportProblems)
                {
                    diagnostics!.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.DuplicateHandler, method.Locations.FirstOrDefault(),
                        type.Name, messageType.ToDisplayString(), first.Name, method.Name));
                }

                continue;
            }

            seen.Add(messageTypeName, method);
            (ReturnKind kind, ITypeSymbol? reply) = Classify(method);
            handlers.Add(new HandlerModel(
                MethodName: method.Name,
                MessageType: messageTypeName,
                MessageTypeName: messageType.Name,
                MessageTypeIsPublic: IsEffectivelyPublic(messageType),
                ReturnKind: kind,
                ReplyType: reply?.ToDisplayString(TypeFormat),
                ReplyTypeIsPublic: reply is null || IsEffectivelyPublic(reply),
                TakesCancellationToken: method.Parameters.Length == 2,
                Specificity: Specificity(messageType)));
        }

        return handlers;
    }

    private static string? SignatureProblem(IMethodSymbol method)
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

        if (message.Type is ITypeParameterSymbol or IPointerTypeSymbol or IFunctionPointerTypeSymbol or IErrorTypeSymbol
            || message.Type.IsRefLikeType)
        {
            return $"'{message.Type.ToDisplayString()}' cannot be a message type";
        }

        if (message.Type.SpecialType == SpecialType.System_Object || IsCancellationToken(message.Type))
        {
            return $"'{message.Type.ToDisplayString()}' cannot be a message type; handle a specific type";
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

    private static ITypeSymbol MessageType(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : type;

    private static (ReturnKind Kind, ITypeSymbol? Reply) Classify(IMethodSymbol method)
    {
        if (method.ReturnsVoid)
        {
            return (ReturnKind.Void, null);
        }

        ITypeSymbol returned = method.ReturnType;
        if (returned is INamedTypeSymbol named && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks")
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

        return (ReturnKind.Value, returned);
    }

    /// <summary>Orders dispatch cases so that no case is hidden by an earlier, more general one.</summary>
    private static IEnumerable<HandlerModel> Order(List<HandlerModel> handlers) =>
        handlers.Select((h, i) => (h, i)).OrderByDescending(x => x.h.Specificity).ThenBy(x => x.i).Select(x => x.h);

    private static int Specificity(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Interface)
        {
            return type.AllInterfaces.Length;
        }

        int depth = 1000;
        for (ITypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
        {
            depth++;
        }

        return depth;
    }

    private static ConstructorModel ChooseConstructor(INamedTypeSymbol type)
    {
        IMethodSymbol[] constructors = type.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared || c.Parameters.Length == 0).ToArray();
        IMethodSymbol? chosen = constructors.FirstOrDefault(c => c.Parameters.Length == 0)
            ?? constructors.OrderByDescending(c => c.Parameters.Length).FirstOrDefault();
        return new ConstructorModel((chosen is null ? Enumerable.Empty<IParameterSymbol>() : chosen.Parameters)
            .Select(p => new ParameterModel(p.Name, p.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat)))
            .ToEquatableArray());
    }

    private static bool IsCancellationToken(ITypeSymbol type) =>
        type.ToDisplayString() == "System.Threading.CancellationToken";

    private static bool AnyContainingType(INamedTypeSymbol type, System.Func<INamedTypeSymbol, bool> predicate)
    {
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (predicate(outer))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(cancellationToken))
            .OfType<TypeDeclarationSyntax>()
            .All(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    /// <summary>Null when the type can be named at namespace level (public or internal all the way out).</summary>
    private static string? InaccessibleReason(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            switch (current.DeclaredAccessibility)
            {
                case Accessibility.Private:
                    return current.Equals(type, SymbolEqualityComparer.Default) ? "private" : $"nested in private type '{current.Name}'";
                case Accessibility.Protected:
                case Accessibility.ProtectedAndInternal:
                    return current.Equals(type, SymbolEqualityComparer.Default) ? "protected" : $"nested in protected type '{current.Name}'";
            }
        }

        return null;
    }

    private static bool IsEffectivelyPublic(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return IsEffectivelyPublic(array.ElementType);
            case ITypeParameterSymbol:
                return true;
            case INamedTypeSymbol named:
                for (INamedTypeSymbol? current = named; current is not null; current = current.ContainingType)
                {
                    if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.NotApplicable))
                    {
                        return false;
                    }
                }

                return named.TypeArguments.All(IsEffectivelyPublic);
            default:
                return true;
        }
    }
}
