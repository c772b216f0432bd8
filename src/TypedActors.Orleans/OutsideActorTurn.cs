namespace TypedActors.Orleans;

/// <summary>
/// Lifts the calling actor's synchronization context for the scope of a <c>using</c>: Orleans calls started, and
/// Orleans continuations run, inside it must not be queued into the actor's turns (where they would wait behind, and
/// reorder with, the actor's work).
/// </summary>
internal readonly ref struct OutsideActorTurn
{
    private readonly SynchronizationContext? _context;

    private OutsideActorTurn(SynchronizationContext context) => _context = context;

    public static OutsideActorTurn Enter()
    {
        SynchronizationContext? context = SynchronizationContext.Current;
        if (context is null)
        {
            return default;
        }

        SynchronizationContext.SetSynchronizationContext(null);
        return new OutsideActorTurn(context);
    }

    public void Dispose()
    {
        if (_context is not null)
        {
            SynchronizationContext.SetSynchronizationContext(_context);
        }
    }
}
