using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TypedActors.Generators.Messages;
using TypedActors.Generators.Shared;

namespace TypedActors.Generators.State;

/// <summary>
/// The members an actor class declares that make up its state snapshot, in declaration order: public instance fields
/// and readable public properties, plus non-public ones marked <c>[State]</c>, minus those marked <c>[NotState]</c> and
/// those no code can read by name (pointers, ref-like values, compiler-generated fields). Safe by default: private data
/// is shown only when asked for. A base actor's members are written by the base's own generated code.
/// </summary>
internal static class StateFields
{
    private const string NotStateAttributeName = "NotStateAttribute";
    private const string StateAttributeName = "StateAttribute";

    public static IEnumerable<StateFieldModel> Parse(INamedTypeSymbol type)
    {
        foreach (ISymbol member in type.GetMembers())
        {
            ITypeSymbol? memberType = member switch
            {
                IFieldSymbol { IsStatic: false, IsConst: false, IsFixedSizeBuffer: false, IsImplicitlyDeclared: false } field => field.Type,
                IPropertySymbol { IsStatic: false, IsIndexer: false, ReturnsByRef: false, ReturnsByRefReadonly: false, GetMethod: not null } property
                    when property.CanBeReferencedByName => property.Type,
                _ => null,
            };
            if (memberType is null || memberType is IPointerTypeSymbol or IFunctionPointerTypeSymbol || memberType.IsRefLikeType
                || HasAttribute(member, NotStateAttributeName) || !(IsPublic(member) || HasAttribute(member, StateAttributeName)))
            {
                continue;
            }

            string key = member.Name.TrimStart('_');
            yield return new StateFieldModel(
                Key: key.Length == 0 ? member.Name : key,
                Member: TypeNames.Escape(member.Name),
                Type: memberType.ToDisplayString(ActorShape.TypeFormat));
        }
    }

    private static bool IsPublic(ISymbol member) =>
        member.DeclaredAccessibility == Accessibility.Public
        && (member is not IPropertySymbol property || property.GetMethod!.DeclaredAccessibility == Accessibility.Public);

    private static bool HasAttribute(ISymbol member, string name) =>
        member.GetAttributes().Any(a => a.AttributeClass is
        {
            ContainingType: null,
            ContainingNamespace: { Name: "TypedActors", ContainingNamespace.IsGlobalNamespace: true },
        } attribute && attribute.Name == name);
}
