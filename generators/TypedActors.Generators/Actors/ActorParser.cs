using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedActors.Generators.Shared;
using TypedActors.Generators.State;

namespace TypedActors.Generators.Actors;

/// <summary>
/// Turns an actor class symbol into an <see cref="ActorModel"/>. Every class deriving from Actor gets one, valid or
/// not: for an invalid actor the model keeps what still compiles (its valid handlers, or only its typed references when
/// the class cannot be extended), so the analyzers' TA error is the only error the build reports (see docs/generator.md).
/// </summary>
internal static class ActorParser
{
    public const string ReceiveAttributeMetadataName = ActorShape.ReceiveAttributeMetadataName;

    /// <summary>
    /// Parses the class that declares a <c>[Receive]</c> method when the method is the class's first handler; null for
    /// its other handlers (the class is parsed once) and for a method outside any actor (TA1004: nothing to generate).
    /// </summary>
    public static ActorModel? ParseHandlerOwner(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        INamedTypeSymbol owner = method.ContainingType;
        return ActorShape.DerivesFromActor(owner) && IsFirstHandler(owner, method)
            ? Parse(owner, cancellationToken)
            : null;
    }

    /// <summary>
    /// Parses a class deriving from Actor that declares no <c>[Receive]</c> method (the other pipeline sees the rest),
    /// from its first declaration only.
    /// </summary>
    public static ActorModel? ParseActorWithoutHandlers(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.SemanticModel.GetDeclaredSymbol(context.Node, cancellationToken) is not INamedTypeSymbol type
            || !ActorShape.DerivesFromActor(type)
            || !IsFirstDeclaration(type, context.Node)
            || type.GetMembers().OfType<IMethodSymbol>().Any(ActorShape.IsHandler))
        {
            return null;
        }

        return Parse(type, cancellationToken);
    }

    /// <summary>
    /// TA1001 and TA1007 for the class declared at the context's node, when it is an actor the generator cannot extend,
    /// from its first declaration only; empty for any other class.
    /// </summary>
    public static EquatableArray<DiagnosticInfo> ParseExtensionProblems(GeneratorSyntaxContext context, CancellationToken cancellationToken) =>
        context.SemanticModel.GetDeclaredSymbol(context.Node, cancellationToken) is INamedTypeSymbol type
        && ActorShape.DerivesFromActor(type)
        && IsFirstDeclaration(type, context.Node)
            ? ActorShape.ExtensionProblems(type, cancellationToken).ToEquatableArray()
            : EquatableArray<DiagnosticInfo>.Empty;

    private static bool IsFirstHandler(INamedTypeSymbol owner, IMethodSymbol method)
    {
        IMethodSymbol? first = owner.GetMembers().OfType<IMethodSymbol>().FirstOrDefault(ActorShape.IsHandler);
        return first is not null
            && (SymbolEqualityComparer.Default.Equals(first, method)
                || SymbolEqualityComparer.Default.Equals(first, method.PartialDefinitionPart)
                || SymbolEqualityComparer.Default.Equals(first.PartialDefinitionPart, method));
    }

    private static bool IsFirstDeclaration(INamedTypeSymbol type, SyntaxNode node) =>
        type.DeclaringSyntaxReferences.FirstOrDefault() is { } first
        && first.SyntaxTree == node.SyntaxTree
        && first.Span == node.Span;

    private static string Key(INamedTypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static ActorModel Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        string key = Key(type);
        var containing = new List<ContainingTypeModel>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingTypeModel(Keyword(outer), outer.Name, TypeParameterText.List(outer)));
        }

        List<HandlerModel> handlers = ParseHandlers(type);
        var inherited = new List<HandlerModel>();
        for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null && !ActorShape.IsActorBase(baseType); baseType = baseType.BaseType)
        {
            foreach (HandlerModel handler in ParseHandlers(baseType))
            {
                if (!handlers.Any(h => h.PatternType == handler.PatternType) && !inherited.Any(h => h.PatternType == handler.PatternType))
                {
                    inherited.Add(handler);
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        string ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
        string nestedName = string.Join(".", containing.Select(c => c.Name + Arity(c.TypeParameters)).Concat([type.Name + Arity(TypeParameterText.List(type))]));
        ITypeParameterSymbol[] typeParameters = [.. TypeParameterText.All(type)];
        return new ActorModel(
            Namespace: ns,
            Name: type.Name,
            TypeParameters: TypeParameterText.List(type),
            FullyQualifiedName: key,
            DisplayName: type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
            HintName: (ns.Length == 0 ? "" : ns + ".") + nestedName + ".Actor.g.cs",
            ExtensionClassName: string.Concat(containing.Select(c => c.Name + Arity(c.TypeParameters) + "_")) + type.Name + Arity(TypeParameterText.List(type)) + "ActorRefExtensions",
            IsPublic: IsEffectivelyPublic(type),
            IsAbstract: type.IsAbstract,
            IsSealed: type.IsSealed,
            BaseIsActor: type.BaseType is { } b && !ActorShape.IsActorBase(b),
            ExtendsClass: ActorShape.CanBeExtended(type, cancellationToken),
            HasReferenceSurface: ActorShape.InaccessibleReason(type) is null,
            SurfaceTypeParameters: typeParameters.Select(p => p.Name).ToEquatableArray(),
            SurfaceConstraints: typeParameters.Select(TypeParameterText.Constraint).OfType<string>().ToEquatableArray(),
            ContainingTypes: containing.ToEquatableArray(),
            Constructor: type.IsAbstract ? null : ChooseConstructor(type),
            Handlers: Order(handlers).ToEquatableArray(),
            InheritedHandlers: Order(inherited).ToEquatableArray(),
            StateFields: StateFields.Parse(type).ToEquatableArray());
    }

    /// <summary>Tells apart generic types of one name in hint and class names: <c>Cache</c> and <c>CacheOf2</c>.</summary>
    internal static string Arity(string typeParameters) =>
        typeParameters.Length == 0 ? "" : "Of" + (typeParameters.Count(c => c == ',') + 1);

    /// <summary>The handlers <paramref name="type"/> declares; a base actor's invalid or duplicate handlers are skipped.</summary>
    private static List<HandlerModel> ParseHandlers(INamedTypeSymbol type) =>
        ActorShape.ValidHandlers(type).Select(method =>
        {
            ITypeSymbol messageType = ActorShape.MessageType(method.Parameters[0].Type);
            (ReturnKind kind, ITypeSymbol? reply) = ActorShape.Returns(method);
            return new HandlerModel(
                MethodName: method.Name,
                MessageType: messageType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(ActorShape.TypeFormat),
                PatternType: ActorShape.MessageTypeKey(messageType),
                MessageTypeName: messageType.Name,
                MessageTypeDisplay: messageType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                MessageTypeIsPublic: IsEffectivelyPublic(messageType),
                ReturnKind: kind,
                ReplyType: reply?.ToDisplayString(ActorShape.TypeFormat),
                ReplyTypeIsPublic: reply is null || IsEffectivelyPublic(reply),
                IsOnSurface: CanBeNamedOutside(messageType) && (reply is null || CanBeNamedOutside(reply)),
                TakesCancellationToken: method.Parameters.Length == 2,
                Specificity: Specificity(messageType));
        }).ToList();

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
            .Select(p => new ParameterModel(p.Name, p.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(ActorShape.TypeFormat)))
            .ToEquatableArray());
    }

    internal static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    /// <summary>False for a type that is, or contains, a private or protected nested type: extension methods cannot name it.</summary>
    private static bool CanBeNamedOutside(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => CanBeNamedOutside(array.ElementType),
        INamedTypeSymbol named => ActorShape.InaccessibleReason(named) is null && named.TypeArguments.All(CanBeNamedOutside),
        _ => true,
    };

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
