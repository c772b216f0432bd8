namespace TypedActors.Cell;

internal sealed partial class ActorCell
{
    public void AddChild(ActorCell child)
    {
        CellExtras extras = Extras;
        lock (extras)
        {
            if (_state < Suspended)
            {
                (extras.Children ??= []).Add(child);
                return;
            }
        }

        child.Stop(); // spawned while the parent was terminating
    }

    private void RemoveChild(ActorCell child)
    {
        CellExtras? extras = Volatile.Read(ref _extras);
        if (extras is null)
        {
            return;
        }

        lock (extras)
        {
            extras.Children?.Remove(child);
        }
    }

    private static void StopChildren(CellExtras extras)
    {
        ActorCell[] children;
        lock (extras)
        {
            if (extras.Children is not { Count: > 0 })
            {
                return;
            }

            children = [.. extras.Children];
        }

        foreach (ActorCell child in children)
        {
            child.Stop();
        }
    }
}
