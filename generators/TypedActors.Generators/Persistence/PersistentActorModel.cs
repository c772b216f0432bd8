using TypedActors.Generators.Actors;
using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Persistence;

/// <summary>Everything the emitter needs to write one persistent actor's event and snapshot code. Plain, equatable data only.</summary>
/// <param name="TypeParameters">The actor's own type parameter list as written after its name, or empty.</param>
/// <param name="SnapshotEvery">The attribute's value, written into the generated code.</param>
internal sealed record PersistentActorModel(
    string Namespace,
    string Name,
    string TypeParameters,
    string DisplayName,
    string HintName,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    int SnapshotEvery,
    EquatableArray<EventModel> Events,
    EquatableArray<PersistedFieldModel> Fields);

/// <summary>One valid <c>[Apply]</c> method and the event type it applies.</summary>
/// <param name="Type">The event type as generated code names it (fully qualified, no nullable annotation).</param>
/// <param name="WireName">The type's name inside a stored event, <c>[wireName, body]</c>.</param>
internal sealed record EventModel(string MethodName, string Type, string WireName, bool IsValueType);

/// <summary>How generated code writes a persisted member back when it restores a snapshot.</summary>
internal enum FieldWrite
{
    /// <summary>A plain assignment: a settable field, or an auto-property with a set accessor.</summary>
    Assign,

    /// <summary>A readonly field, written through a reference to it (<c>Unsafe.AsRef</c>).</summary>
    ReadonlyField,

    /// <summary>An auto-property with no set accessor (get-only or init), written through its backing field.</summary>
    BackingField,
}

/// <summary>One member of the persisted state.</summary>
/// <param name="Key">Its key in the snapshot: the member's wire name (its name as declared, unless <c>[WireName]</c> says otherwise).</param>
/// <param name="Member">The member as generated code names it (escaped when it is a keyword).</param>
/// <param name="Type">Its declared type, nullable annotations included.</param>
/// <param name="BackingField">For <see cref="FieldWrite.BackingField"/>: the compiler's name of the storage.</param>
/// <param name="RejectsNil">A reference type declared not nullable: a nil in a snapshot is an error, not a null field.</param>
internal sealed record PersistedFieldModel(string Key, string Member, string Type, FieldWrite Write, string? BackingField, bool RejectsNil);
