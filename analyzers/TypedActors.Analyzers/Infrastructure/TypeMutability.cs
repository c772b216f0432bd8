using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TypedActors.Analyzers.Infrastructure;

/// <summary>
/// Decides whether a value of a type can change once built, and says why when it can. Types declared in the
/// compilation are inspected member by member; types from referenced assemblies are judged by what is known about
/// them (primitives, immutable and read-only collections, read-only structs), because their private state is not
/// visible. One instance per compilation caches its answers.
/// </summary>
internal sealed class TypeMutability
{
    private static readonly HashSet<string> KnownImmutable =
    [
        "System.Object", "System.String", "System.Decimal", "System.DateTime", "System.DateTimeOffset", "System.TimeSpan",
        "System.DateOnly", "System.TimeOnly", "System.Guid", "System.Uri", "System.Version", "System.Type", "System.Half",
        "System.Int128", "System.UInt128", "System.Index", "System.Range", "System.Text.Rune", "System.Numerics.BigInteger",
        "System.Threading.CancellationToken", "System.Text.RegularExpressions.Regex",
        "TypedActors.ActorRef", "TypedActors.Address",
    ];

    /// <summary>Read-only views: immutable when their elements are.</summary>
    private static readonly HashSet<string> ReadOnlyViews =
    [
        "System.Collections.Generic.IEnumerable", "System.Collections.Generic.IReadOnlyCollection",
        "System.Collections.Generic.IReadOnlyList", "System.Collections.Generic.IReadOnlyDictionary",
        "System.Collections.Generic.IReadOnlySet", "System.Nullable",
    ];

    private readonly ConcurrentDictionary<ITypeSymbol, string?> _reasons = new(SymbolEqualityComparer.Default);
    private readonly Compilation _compilation;

    public TypeMutability(Compilation compilation) => _compilation = compilation;

    /// <summary>True when <paramref name="symbol"/> is declared in the compilation being analyzed.</summary>
    public bool Declares(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _compilation.Assembly);

    public bool IsImmutable(ITypeSymbol type) => MutabilityReason(type) is null;

    /// <summary>Null when values of <paramref name="type"/> cannot change; otherwise the first reason they can.</summary>
    public string? MutabilityReason(ITypeSymbol type) =>
        Reason(type, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

    private string? Reason(ITypeSymbol type, HashSet<ITypeSymbol> visiting)
    {
        if (_reasons.TryGetValue(type, out string? known))
        {
            return known;
        }

        if (!visiting.Add(type))
        {
            return null; // a recursive type: its other members decide
        }

        string? reason = Compute(type, visiting);
        visiting.Remove(type);
        if (visiting.Count == 0)
        {
            _reasons.TryAdd(type, reason); // answers found inside a cycle may be optimistic, so only top-level ones are kept
        }

        return reason;
    }

    private string? Compute(ITypeSymbol type, HashSet<ITypeSymbol> visiting)
    {
        switch (type)
        {
            case IArrayTypeSymbol:
                return "arrays can be changed in place";
            case ITypeParameterSymbol:
                return null;
            case INamedTypeSymbol named:
                return NamedTypeReason(named, visiting);
            default:
                return $"'{type.ToDisplayString()}' is not a plain value";
        }
    }

    private string? NamedTypeReason(INamedTypeSymbol type, HashSet<ITypeSymbol> visiting)
    {
        if (type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_UIntPtr
            || type.TypeKind is TypeKind.Enum or TypeKind.Delegate)
        {
            return null;
        }

        string fullName = SymbolNames.FullName(type);
        if (KnownImmutable.Contains(fullName))
        {
            return null;
        }

        string ns = SymbolNames.NamespaceOf(type);
        if (ReadOnlyViews.Contains(fullName) || ns is "System.Collections.Immutable" or "System.Collections.Frozen")
        {
            return TypeArgumentsReason(type, visiting);
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            return $"the interface '{type.ToDisplayString()}' may hide a mutable object";
        }

        if (!Declares(type))
        {
            return ReferencedTypeReason(type, visiting);
        }

        return DeclaredTypeReason(type, visiting);
    }

    private string? TypeArgumentsReason(INamedTypeSymbol type, HashSet<ITypeSymbol> visiting)
    {
        foreach (ITypeSymbol argument in type.TypeArguments)
        {
            if (Reason(argument, visiting) is not null)
            {
                return $"its elements of type '{argument.ToDisplayString()}' are mutable";
            }
        }

        return null;
    }

    /// <summary>A type from another assembly: only its public shape is visible.</summary>
    private string? ReferencedTypeReason(INamedTypeSymbol type, HashSet<ITypeSymbol> visiting)
    {
        if (!type.IsValueType)
        {
            return $"'{type.ToDisplayString()}' is a class not known to be immutable";
        }

        foreach (ISymbol member in type.GetMembers().Where(m => !m.IsStatic && m.DeclaredAccessibility == Accessibility.Public))
        {
            if (member is IPropertySymbol { SetMethod: { IsInitOnly: false, DeclaredAccessibility: Accessibility.Public } } property)
            {
                return $"its property '{property.Name}' has a setter";
            }

            if (member is IFieldSymbol field && Reason(field.Type, visiting) is not null)
            {
                return $"its field '{field.Name}' holds a mutable '{field.Type.ToDisplayString()}'";
            }
        }

        return type.IsReadOnly ? TypeArgumentsReason(type, visiting) : null;
    }

    /// <summary>A type of this compilation: every field, including the ones behind auto-properties, is inspected.</summary>
    private string? DeclaredTypeReason(INamedTypeSymbol type, HashSet<ITypeSymbol> visiting)
    {
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
        {
            if (!Declares(current))
            {
                return Reason(current, visiting);
            }

            foreach (ISymbol member in current.GetMembers().Where(m => !m.IsStatic))
            {
                string? reason = member switch
                {
                    IPropertySymbol { SetMethod: { IsInitOnly: false } } property => $"its property '{property.Name}' has a setter",
                    IPropertySymbol { IsIndexer: false } property when HasBackingField(property) && Reason(property.Type, visiting) is not null =>
                        $"its property '{property.Name}' holds a mutable '{property.Type.ToDisplayString()}'",
                    IFieldSymbol { IsImplicitlyDeclared: false, IsReadOnly: false, IsConst: false } field => $"its field '{field.Name}' is not readonly",
                    IFieldSymbol { IsImplicitlyDeclared: false } field when Reason(field.Type, visiting) is not null =>
                        $"its field '{field.Name}' holds a mutable '{field.Type.ToDisplayString()}'",
                    _ => null,
                };
                if (reason is not null)
                {
                    return reason;
                }
            }
        }

        return null;
    }

    /// <summary>True for an auto-property: its value is stored, so its type decides whether the object can change.</summary>
    public static bool HasBackingField(IPropertySymbol property) =>
        property.ContainingType.GetMembers().OfType<IFieldSymbol>()
            .Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));
}
