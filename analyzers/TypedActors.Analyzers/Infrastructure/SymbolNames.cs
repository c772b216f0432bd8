using System.Text;
using Microsoft.CodeAnalysis;

namespace TypedActors.Analyzers.Infrastructure;

internal static class SymbolNames
{
    /// <summary>Namespace-qualified name without generic arity, nested types joined by dots: <c>System.Collections.Generic.List</c>.</summary>
    public static string FullName(INamedTypeSymbol type)
    {
        var builder = new StringBuilder(type.Name);
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            builder.Insert(0, outer.Name + ".");
        }

        if (!type.ContainingNamespace.IsGlobalNamespace)
        {
            builder.Insert(0, type.ContainingNamespace.ToDisplayString() + ".");
        }

        return builder.ToString();
    }

    /// <summary>The full name of the namespace a type is declared in, or the empty string.</summary>
    public static string NamespaceOf(INamedTypeSymbol type) =>
        type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();

    /// <summary>True for a member of the named type (arity ignored), e.g. <c>IsMemberOf(m, "System.Threading.Thread")</c>.</summary>
    public static bool IsMemberOf(ISymbol member, string typeFullName) =>
        member.ContainingType is { } type && FullName(type) == typeFullName;

    /// <summary>The short display of a member: <c>Thread.Sleep</c>.</summary>
    public static string Short(ISymbol member) =>
        member.ContainingType is null ? member.Name : member.ContainingType.Name + "." + member.Name;
}
