using System.Linq;
using Microsoft.CodeAnalysis;

namespace TypedActors.Generators.Shared;

/// <summary>
/// The names types and members have on the wire and in storage: their C# names, or the name a <c>[WireName]</c>
/// attribute gives them. The generated formatters, the stored form of events and snapshots, and the wire contract all
/// take their names from here, so a rename that keeps its wire name keeps old data readable.
/// </summary>
internal static class WireNames
{
    public const string AttributeName = "WireNameAttribute";

    /// <summary>
    /// A named type's wire name: <c>[WireName]</c>'s value, or its namespace, then its containing types joined by '+',
    /// like <c>Type.FullName</c> (a generic type: its name as a user reads it).
    /// </summary>
    public static string Of(INamedTypeSymbol type)
    {
        if (Declared(type) is { } declared)
        {
            return declared;
        }

        if (type.IsGenericType)
        {
            return type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
        }

        string nested = type.Name;
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            nested = outer.Name + "+" + nested;
        }

        return type.ContainingNamespace.IsGlobalNamespace ? nested : type.ContainingNamespace.ToDisplayString() + "." + nested;
    }

    /// <summary>
    /// A member's wire name: <c>[WireName]</c>'s value on the member, on the positional record parameter that declares
    /// it, or on the auto-property a backing field stores; otherwise its C# name.
    /// </summary>
    public static string Of(ISymbol member) =>
        Declared(member)
        ?? (member is IFieldSymbol { AssociatedSymbol: IPropertySymbol property } ? Declared(property) : null)
        ?? DeclaringParameter(member).Select(Declared).FirstOrDefault(n => n is not null)
        ?? member.Name;

    /// <summary>The value of the <c>[WireName]</c> attribute on <paramref name="symbol"/> itself, or null.</summary>
    public static string? Declared(ISymbol symbol) =>
        symbol.GetAttributes()
            .Where(a => a.AttributeClass is { Name: AttributeName, ContainingType: null, ContainingNamespace: { Name: "TypedActors", ContainingNamespace.IsGlobalNamespace: true } })
            .Select(a => a.ConstructorArguments.Length == 1 ? a.ConstructorArguments[0].Value as string : null)
            .FirstOrDefault();

    /// <summary>Why <paramref name="name"/> cannot be a wire name, or null when it can.</summary>
    public static string? Problem(string name, bool isMember)
    {
        if (name.Length == 0)
        {
            return "is empty";
        }

        if (name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == ':'))
        {
            return "contains white space, a control character or a colon";
        }

        return isMember && name.Contains(".") ? "contains a dot, which a member's wire name may not" : null;
    }

    /// <summary>The positional record parameter a property was declared by, if any.</summary>
    private static IParameterSymbol[] DeclaringParameter(ISymbol member)
    {
        if (member is not IPropertySymbol property || property.ContainingType is not { IsRecord: true } record)
        {
            return [];
        }

        return [.. record.InstanceConstructors
            .SelectMany(c => c.Parameters)
            .Where(p => p.Name == property.Name && p.DeclaringSyntaxReferences.Any(r =>
                property.DeclaringSyntaxReferences.Any(pr => pr.SyntaxTree == r.SyntaxTree && pr.Span == r.Span)))];
    }
}
