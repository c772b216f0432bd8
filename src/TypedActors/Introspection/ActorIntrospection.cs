using System.ComponentModel;
using TypedActors.Cell;

namespace TypedActors.Introspection;

/// <summary>
/// Reads a running actor system for operator tools such as the observer page: its live actors, their mailboxes and
/// relations. Nothing here runs unless a tool calls it, and calling it never stops or slows an actor: samples are
/// plain reads of what the actors maintain anyway.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ActorIntrospection
{
    /// <summary>
    /// Replaces the contents of <paramref name="samples"/> with one sample per live local actor of
    /// <paramref name="system"/> (in no particular order). Pass the same list again to reuse its storage.
    /// </summary>
    public static void Sample(ActorSystem system, List<ActorSample> samples)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(samples);
        samples.Clear();
        foreach (ActorCell cell in system.Registry.Snapshot())
        {
            samples.Add(cell.Sample());
        }
    }

    /// <summary>The sample of one actor, or null when the address is not a local actor or it is dead.</summary>
    public static ActorSample? SampleOf(Address address) =>
        address.Process is ActorCell { IsDead: false } cell ? cell.Sample() : null;

    /// <summary>
    /// The relations of a local actor (parent, children, links, monitors), or null when the address is not a local
    /// actor or it is dead. Reading them takes the lock that guards them briefly, as linking to the actor would.
    /// </summary>
    public static ActorRelations? GetRelations(Address address) =>
        address.Process is ActorCell { IsDead: false } cell ? cell.Relations() : null;

    /// <summary>True when <paramref name="address"/> points at an actor of this process (not at a remote one).</summary>
    public static bool IsLocal(Address address) => address.Process is ActorCell;
}
