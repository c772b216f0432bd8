using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Actors;

/// <summary>How the type parameters of a generic actor (and of the types it is nested in) are written in generated code.</summary>
internal static class TypeParameterText
{
    /// <summary><c>&lt;TKey, TValue&gt;</c>, or the empty string for a type without type parameters.</summary>
    public static string List(INamedTypeSymbol type) =>
        type.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", type.TypeParameters.Select(p => p.Name)) + ">";

    /// <summary>The type parameters of <paramref name="type"/> and every type it is nested in, outermost first.</summary>
    public static IEnumerable<ITypeParameterSymbol> All(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            chain.Insert(0, current);
        }

        return chain.SelectMany(t => t.TypeParameters);
    }

    /// <summary>The clause <c>where T : ...</c> of one type parameter, or null when it has no constraint.</summary>
    public static string? Constraint(ITypeParameterSymbol parameter)
    {
        var parts = new List<string>();
        if (parameter.HasUnmanagedTypeConstraint)
        {
            parts.Add("unmanaged");
        }
        else if (parameter.HasValueTypeConstraint)
        {
            parts.Add("struct");
        }
        else if (parameter.HasReferenceTypeConstraint)
        {
            parts.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
        }
        else if (parameter.HasNotNullConstraint)
        {
            parts.Add("notnull");
        }

        parts.AddRange(parameter.ConstraintTypes.Select(t => t.ToDisplayString(ActorShape.TypeFormat)));
        if (parameter.HasConstructorConstraint && !parameter.HasValueTypeConstraint)
        {
            parts.Add("new()");
        }

        return parts.Count == 0 ? null : $"where {parameter.Name} : {string.Join(", ", parts)}";
    }
}
