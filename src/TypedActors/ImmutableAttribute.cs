namespace TypedActors;

/// <summary>
/// Asserts that instances of a type never change after construction, so messages of this type are passed between
/// actors by reference instead of being copied. Use it for types the generator cannot prove immutable on its own
/// (for example a non-sealed class, or a class from another assembly whose private state it cannot inspect).
/// </summary>
/// <remarks>
/// The generator trusts the assertion: a type marked <c>[Immutable]</c> that is in fact mutated after it is sent breaks
/// actor isolation. The proof's verdict for every message type is written as a comment in its generated file.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface, Inherited = false)]
public sealed class ImmutableAttribute : Attribute
{
}
