using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace TypedActors.Generators.Messages.Graph;

/// <summary>
/// Every named type declared in a compilation's source, listed once per compilation: the candidates for the derived
/// types of a polymorphic message type.
/// </summary>
internal static class SourceTypes
{
    private static readonly ConditionalWeakTable<Compilation, List<INamedTypeSymbol>> Cache = new();

    public static List<INamedTypeSymbol> Of(Compilation compilation) =>
        Cache.GetValue(compilation, static c =>
        {
            var types = new List<INamedTypeSymbol>();
            Collect(c.Assembly.GlobalNamespace, types);
            return types;
        });

    private static void Collect(INamespaceOrTypeSymbol container, List<INamedTypeSymbol> types)
    {
        foreach (ISymbol member in container.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                Collect(ns, types);
            }
            else if (member is INamedTypeSymbol type)
            {
                types.Add(type);
                Collect(type, types);
            }
        }
    }
}
