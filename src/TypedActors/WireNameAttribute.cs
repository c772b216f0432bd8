namespace TypedActors;

/// <summary>
/// Gives a type or member the name it has on the wire and in stored events and snapshots, in place of its C# name.
/// Renaming a type or member in C# while keeping its old name here keeps every message and event written before the
/// rename readable: the generated formatters, the stored event's type name and the wire contract
/// (<c>WireContracts.Shipped.txt</c>) all use the wire name.
/// </summary>
/// <remarks>
/// On a record's positional parameter, the attribute applies to the property it declares. A type's wire name is a
/// namespace-qualified name (<c>Shop.Deposited</c>); a member's is a plain name. Neither may be empty, contain white
/// space or a colon, and a member's may not contain a dot.
/// </remarks>
[AttributeUsage(
    AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface | AttributeTargets.Property
    | AttributeTargets.Field | AttributeTargets.Parameter,
    AllowMultiple = false,
    Inherited = false)]
public sealed class WireNameAttribute : Attribute
{
    /// <summary>Initializes the attribute with the wire name.</summary>
    /// <param name="name">The name on the wire and in storage.</param>
    public WireNameAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The name on the wire and in storage.</summary>
    public string Name { get; }
}
