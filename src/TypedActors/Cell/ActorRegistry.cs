namespace TypedActors.Cell;

/// <summary>
/// The live actors of a system, by id. Sharded so that concurrent spawns and deaths rarely contend; a plain
/// dictionary entry costs far less memory per actor than a concurrent dictionary node.
/// </summary>
internal sealed class ActorRegistry
{
    private const int ShardCount = 32; // a power of two
    private readonly Shard[] _shards = new Shard[ShardCount];
    private int _count;

    public ActorRegistry()
    {
        for (int i = 0; i < _shards.Length; i++)
        {
            _shards[i] = new Shard();
        }
    }

    public int Count => Volatile.Read(ref _count);

    public void Add(ActorCell cell)
    {
        Shard shard = ShardOf(cell.Id);
        lock (shard)
        {
            shard.Cells.Add(cell.Id, cell);
        }

        Interlocked.Increment(ref _count);
    }

    public void Remove(ActorCell cell)
    {
        Shard shard = ShardOf(cell.Id);
        bool removed;
        lock (shard)
        {
            removed = shard.Cells.Remove(cell.Id);
        }

        if (removed)
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public bool TryGet(long id, [NotNullWhen(true)] out ActorCell? cell)
    {
        Shard shard = ShardOf(id);
        lock (shard)
        {
            return shard.Cells.TryGetValue(id, out cell);
        }
    }

    /// <summary>A snapshot of the live actors.</summary>
    public List<ActorCell> Snapshot()
    {
        var all = new List<ActorCell>(Count);
        foreach (Shard shard in _shards)
        {
            lock (shard)
            {
                all.AddRange(shard.Cells.Values);
            }
        }

        return all;
    }

    private Shard ShardOf(long id) => _shards[(int)(id & (ShardCount - 1))];

    private sealed class Shard
    {
        public readonly Dictionary<long, ActorCell> Cells = [];
    }
}
