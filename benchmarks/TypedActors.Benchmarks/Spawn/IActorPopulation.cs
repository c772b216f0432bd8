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

    /// <summary>Spawns <paramref name="count"/> actors that signal <paramref name="started"/> from their start hook and then stay idle.</summary>
    void SpawnIdle(int count, Countdown started);
}
