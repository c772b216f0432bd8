using System.Collections.Concurrent;
using MessagePack;
using TypedActors.Catalogue;

namespace TypedActors.Http;

/// <summary>
/// One exposed actor kind: its messages, how to spawn it, its endpoint conventions, and the gateway's own map from id
/// to live actor. An entry leaves the map (and the actor loses its gateway name) when its actor dies, whatever killed it.
/// </summary>
internal sealed class ExposedKind
{
    private readonly Func<ReadOnlyMemory<byte>, MessagePackSerializerOptions, object>? _readCreation;
    private readonly Func<ActorSystem, object?, Address> _spawn;
    private readonly GatewayAddressFormat _names;
    private readonly ConcurrentDictionary<string, Address> _live = new(StringComparer.Ordinal);
    private readonly object _spawnGate = new();

    public ExposedKind(
        string name,
        Type actorType,
        ActorCatalogue catalogue,
        Type? creationType,
        Func<ReadOnlyMemory<byte>, MessagePackSerializerOptions, object>? readCreation,
        Func<ActorSystem, object?, Address> spawn,
        GatewayAddressFormat names)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Builder = new ActorKindBuilder(name);
        _names = names;
        ActorType = actorType;
        Catalogue = catalogue;
        CreationType = creationType;
        _readCreation = readCreation;
        _spawn = spawn;
    }

    public string Name { get; }

    public Type ActorType { get; }

    public ActorCatalogue Catalogue { get; }

    /// <summary>The conventions of this kind's endpoints.</summary>
    public ActorKindBuilder Builder { get; }

    /// <summary>The type of the creation message a PUT reads from its body, or null when it takes none.</summary>
    public Type? CreationType { get; }

    /// <summary>True when a PUT reads a creation message from its body.</summary>
    public bool TakesCreationMessage => _readCreation is not null;

    public object ReadCreationMessage(ReadOnlyMemory<byte> messagePack, MessagePackSerializerOptions options) =>
        _readCreation!(messagePack, options);

    public bool TryGetLive(string id, out Address address) => _live.TryGetValue(id, out address) && !address.IsDead;

    /// <summary>The ids of live actors, in ordinal order.</summary>
    public List<string> LiveIds()
    {
        List<string> ids = [.. _live.Where(entry => !entry.Value.IsDead).Select(entry => entry.Key)];
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    /// <summary>Spawns an actor under <paramref name="id"/> unless one is live there or the kind is full.</summary>
    public SpawnOutcome TrySpawn(ActorSystem system, string id, object? creationMessage, int maxActors, out Address address)
    {
        lock (_spawnGate)
        {
            if (TryGetLive(id, out address))
            {
                return SpawnOutcome.IdTaken;
            }

            if (_live.Count(entry => !entry.Value.IsDead) >= maxActors)
            {
                return SpawnOutcome.KindFull;
            }

            address = _spawn(system, creationMessage);
            _live[id] = address;
            _names.Name(address, Name, id);
        }

        Address spawned = address;
        _ = spawned.Completion.ContinueWith(
            _ => Forget(id, spawned), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return SpawnOutcome.Spawned;
    }

    /// <summary>Removes the entry of <paramref name="id"/> if it still maps to <paramref name="address"/>.</summary>
    public void Forget(string id, Address address)
    {
        if (_live.TryRemove(KeyValuePair.Create(id, address)))
        {
            _names.Forget(address);
        }
    }
}

internal enum SpawnOutcome
{
    Spawned,
    IdTaken,
    KindFull,
}
