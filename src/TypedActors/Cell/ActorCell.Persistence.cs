using TypedActors.Persistence;

namespace TypedActors.Cell;

internal sealed partial class ActorCell
{
    /// <summary>The persistence of a persistent actor (spawned with a persistence id), or null.</summary>
    public PersistenceBinding? Persistence => Volatile.Read(ref _extras)?.Persistence;

    /// <summary>Makes the actor persistent. Called before its first turn.</summary>
    public void AttachPersistence(PersistenceBinding binding) => Extras.Persistence = binding;

    /// <summary>Starts the current instance: a persistent actor recovers first; messages wait meanwhile.</summary>
    private Task InvokeStart() => Persistence is { } persistence ? persistence.RecoverThenStartAsync(_actor!) : _actor!.InvokeOnStarted();
}
