using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Messages;

/// <summary>The shape of a type inside a message, which decides how it is copied and serialized.</summary>
internal enum ShapeKind
{
    /// <summary>A well-known immutable framework value: primitives, string, decimal, DateTime, Guid...</summary>
    Scalar,
    Enum,
    Nullable,
    Array,
    List,
    HashSet,
    Dictionary,

    /// <summary>IEnumerable/IReadOnlyCollection/IReadOnlyList of T: copied into a new array.</summary>
    Sequence,

    /// <summary>IList/ICollection of T: copied into a new List.</summary>
    ListInterface,

    /// <summary>IDictionary/IReadOnlyDictionary: copied into a new Dictionary.</summary>
    DictionaryInterface,
    ImmutableArray,
    ImmutableList,
    ImmutableHashSet,
    ImmutableDictionary,
    ValueTuple,
    Tuple,
    ActorRef,
    Address,

    /// <summary>A record, class, struct or interface with its own generated copier and formatter.</summary>
    Object,

    /// <summary>A type that cannot be copied (a diagnostic says why).</summary>
    Unsupported,
}

/// <summary>
/// A reference to a type as it appears in a message: its shape, its type arguments, and what the generator proved
/// about it. Recursive types are cut at <see cref="ShapeKind.Object"/>, which points at a <see cref="MessageTypeModel"/>.
/// </summary>
/// <param name="Name">Fully qualified, without nullable reference annotations (the runtime identity of the type).</param>
/// <param name="ModelId">For <see cref="ShapeKind.Object"/>: the generated class name prefix.</param>
/// <param name="FormatterType">The MessagePack formatter to instantiate for this type, when MessagePack ships one.</param>
/// <param name="IsCopyable">False when the type, or something it contains, cannot be copied.</param>
/// <param name="IsRuntimeType">True when boxed instances have exactly this runtime type (not an interface, abstract or Nullable).</param>
internal sealed record TypeRef(
    ShapeKind Kind,
    string Name,
    EquatableArray<TypeRef> Arguments,
    bool IsImmutable,
    bool IsCopyable,
    bool IsValueType,
    bool IsRuntimeType,
    string? ModelId,
    string? FormatterType);

/// <summary>A member the copier and formatter carry: a constructor parameter or a settable/init member.</summary>
/// <param name="Name">The C# member name.</param>
/// <param name="WireName">The member's key on the wire: its <c>[WireName]</c>, or its C# name.</param>
/// <param name="DeclaredType">Fully qualified with nullable annotations, as declared.</param>
internal sealed record MemberModel(string Name, string WireName, string DeclaredType, TypeRef Type, bool ViaConstructor);

/// <summary>A concrete type that derives from (or implements) a polymorphic message type.</summary>
/// <param name="HasGeneratedFormatter">False when the derived type is serialized by MessagePack's own path or not at all.</param>
internal sealed record DerivedTypeModel(string ModelId, string Name, string WireName, bool HasGeneratedFormatter);

/// <summary>How instances of an object-shaped message type are built and dispatched.</summary>
internal enum ObjectShape
{
    /// <summary>A class or record that can be constructed.</summary>
    Class,

    /// <summary>A struct or record struct.</summary>
    Struct,

    /// <summary>An interface or abstract class: only derived instances exist.</summary>
    Abstract,
}

/// <summary>Everything the emitters need for one object-shaped message type. Plain, equatable data only.</summary>
/// <param name="Id">Unique identifier-safe name, the prefix of the generated copier and formatter classes.</param>
/// <param name="Name">Fully qualified type name.</param>
/// <param name="DisplayName">The name as a user reads it, e.g. <c>Shop.Order</c>.</param>
/// <param name="WireName">The type's name inside a union envelope on the wire and in a stored event.</param>
/// <param name="IsSealed">True for sealed classes and structs: no derived instance can show up.</param>
/// <param name="IsRecursive">True when the type can reach itself through its members; its copier guards against cycles.</param>
/// <param name="Verdict">The immutability proof's conclusion, with its reason, written into the generated file.</param>
/// <param name="UsesMessagePackAttribute">The type carries [MessagePackObject]: MessagePack's own formatter is used.</param>
/// <param name="SerializationProblem">Why no formatter can be generated, or null.</param>
internal sealed record MessageTypeModel(
    string Id,
    string Name,
    string DisplayName,
    string WireName,
    string HintName,
    ObjectShape Shape,
    bool IsSealed,
    bool IsRecursive,
    bool IsImmutable,
    string Verdict,
    bool UsesMessagePackAttribute,
    string? SerializationProblem,
    EquatableArray<MemberModel> Members,
    EquatableArray<DerivedTypeModel> Derived)
{
    /// <summary>True when the generated file contains a formatter for this type.</summary>
    public bool HasGeneratedFormatter => !UsesMessagePackAttribute && SerializationProblem is null;

    /// <summary>A union envelope (<c>[wireName, body]</c>) is written when more than one runtime type is possible.</summary>
    public bool UsesUnion => Shape == ObjectShape.Abstract || !Derived.IsEmpty;
}

/// <summary>The types one handler sends and receives, with everything they contain, and what could not be copied.</summary>
internal sealed record HandlerMessageTypes(
    EquatableArray<TypeRef> Roots,
    EquatableArray<MessageTypeModel> Models,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>All message types of the compilation, merged from every handler.</summary>
internal sealed record MessageTypeSet(
    EquatableArray<TypeRef> Types,
    EquatableArray<MessageTypeModel> Models);
