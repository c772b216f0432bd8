using System.ComponentModel;

namespace TypedActors.Catalogue;

/// <summary>
/// Describes, without reflection, the messages an actor class handles. The source generator implements it for every
/// concrete actor; gateways (such as TypedActors.Http) use it to reach actors with messages read from the wire.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IActorCatalogue
{
    /// <summary>The messages this actor class handles, its own and inherited ones.</summary>
    static abstract ActorCatalogue DescribeMessages();
}
