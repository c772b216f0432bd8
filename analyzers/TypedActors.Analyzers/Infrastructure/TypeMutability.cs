using System.Linq;
using Microsoft.CodeAnalysis;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Infrastructure;

/// <summary>
/// The analyzers' access to the one immutability proof (<see cref="ImmutabilityProof"/>, shared with the generator, so
/// a type the generator passes by reference is exactly a type these rules call immutable), plus the helpers the rules
/// need around it. One instance per compilation caches its answers.
/// </summary>
internal sealed class TypeMutability
{
    private readonly ImmutabilityProof _proof;
    private readonly Compilation _compilation;

    public TypeMutability(Compilation compilation)
    {
        _compilation = compilation;
        _proof = new ImmutabilityProof(compilation);
    }

    /// <summary>True when <paramref name="symbol"/> is declared in the compilation being analyzed.</summary>
    public bool Declares(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _compilation.Assembly);

    public bool IsImmutable(ITypeSymbol type) => _proof.IsImmutable(type);

    /// <summary>Null when values of <paramref name="type"/> cannot change; otherwise the first reason they can.</summary>
    public string? MutabilityReason(ITypeSymbol type) => _proof.MutabilityReason(type);

    /// <summary>True for an auto-property: its value is stored, so its type decides whether the object can change.</summary>
    public static bool HasBackingField(IPropertySymbol property) =>
        property.ContainingType.GetMembers().OfType<IFieldSymbol>()
            .Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));
}
