using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TypedActors.Generators.Copying;
using TypedActors.Generators.Models;
using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Parsing;

/// <summary>
/// The fields an actor class declares that make up its state snapshot: instance fields and auto-properties, minus those
/// marked <c>[NotState]</c> and those no code can read by name (pointers, compiler-captured parameters, event fields).
/// A base actor's fields are written by the base's own generated code.
/// </summary>
internal static class StateFields
{
    private const string NotStateAttributeName = "NotStateAttribute";

    public static IEnumerable<StateFieldModel> Parse(INamedTypeSymbol type)
    {
        foreach (IFieldSymbol field in type.GetMembers().OfType<IFieldSymbol>())
        {
            if (field.IsStatic || field.IsConst || field.IsFixedSizeBuffer
                || field.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol || field.Type.IsRefLikeType)
            {
                continue;
            }

            ISymbol declared = field;
            if (field.IsImplicitlyDeclared)
            {
                // Only an auto-property's backing field is read, through its property.
                if (field.AssociatedSymbol is not IPropertySymbol { IsIndexer: false, GetMethod: not null } property)
                {
                    continue;
                }

                declared = property;
            }

            if (IsNotState(declared))
            {
                continue;
            }

            string key = declared.Name.TrimStart('_');
            yield return new StateFieldModel(
                Key: key.Length == 0 ? declared.Name : key,
                Member: TypeNames.Escape(declared.Name),
                Type: field.Type.ToDisplayString(ActorShape.TypeFormat));
        }
    }

    private static bool IsNotState(ISymbol member) =>
        member.GetAttributes().Any(a => a.AttributeClass is
        {
            Name: NotStateAttributeName,
            ContainingType: null,
            ContainingNamespace: { Name: "TypedActors", ContainingNamespace.IsGlobalNamespace: true },
        });
}
