using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TypedActors.Generators.Messages;

/// <summary>Finds the places a program names a generic actor with type arguments, e.g. <c>Spawn&lt;Cache&lt;string, int&gt;&gt;()</c>.</summary>
internal static class ClosedActorNames
{
    /// <summary>
    /// A generic name that can be a type: not the name of a generic method call or member (<c>Spawn&lt;T&gt;()</c>,
    /// <c>x.Ask&lt;T&gt;</c>). Only these are bound, so the filter keeps the semantic work to type names with arguments.
    /// </summary>
    public static bool MayNameAType(SyntaxNode node) =>
        node is GenericNameSyntax { TypeArgumentList.Arguments.Count: > 0 } name
        && name.Parent is not InvocationExpressionSyntax
        && !(name.Parent is MemberAccessExpressionSyntax access && access.Name == name);

    /// <summary>One entry per closed actor type: the first place it is named (the provider keeps file and position order).</summary>
    public static ImmutableArray<HandlerMessageTypes> FirstOfEach(ImmutableArray<(string Key, HandlerMessageTypes Types)> all)
    {
        var seen = new HashSet<string>();
        var result = ImmutableArray.CreateBuilder<HandlerMessageTypes>();
        foreach ((string key, HandlerMessageTypes types) in all)
        {
            if (seen.Add(key))
            {
                result.Add(types);
            }
        }

        return result.ToImmutable();
    }
}
