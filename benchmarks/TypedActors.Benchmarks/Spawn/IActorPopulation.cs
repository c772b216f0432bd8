using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.Spawn;

/// <summary>Creates many top-level actors of one framework; disposing shuts the framework down.</summary>
public interface IActorPopulation : IAsyncDisposable
{
    /// <summary>
    /// Spawns <paramref name="count"/> actors and tells each one message, on which it stops itself; every actor signals
    /// <paramref name="stopped"/> from its stop hook.
    /// </summary>
    void SpawnAndStop(int count, Countdown stopped);

    /// <summary>
    /// Makes room for the references of <paramref name="count"/> idle actors, before the memory probe's first reading,
    /// so that the array holding them is not counted as the actors' memory.
    /// </summary>
    void ReserveIdle(int count);

    /// <summary>
    /// Spawns as many actors as reserved; each signals <see cref="IdleSignals.Started"/> from its start hook and then
    /// stays idle.
    /// </summary>
    void SpawnIdle(IdleSignals signals);

    /// <summary>
    /// Tells the idle actors from <paramref name="start"/> (as spawned) one message each, <paramref name="count"/> of
    /// them; each signals <see cref="IdleSignals.Handled"/> from its handler.
    /// </summary>
    void TellIdleOnce(int start, int count);
}
