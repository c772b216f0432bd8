using System.ComponentModel;

namespace TypedActors;

/// <summary>
/// Creates instances of an actor class without reflection. The source generator implements it for every actor:
/// a parameterless constructor is called directly; otherwise the constructor's parameters are resolved from the
/// system's <see cref="ActorSystemOptions.Services"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IActorFactory<TSelf>
    where TSelf : Actor, IActorFactory<TSelf>
{
    /// <summary>Creates an instance. Called by <c>Spawn</c>, inside the spawn context.</summary>
    static abstract TSelf Create(IServiceProvider? services);
}
