namespace TypedActors.Cell;

internal sealed partial class ActorCell
{
    /// <summary>A continuation of this actor's code: it runs inside the actor's next turn, ahead of its mailbox.</summary>
    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        Extras.Continuations.Enqueue(new Continuation(d, state));
        TrySchedule();
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Blocking on an actor's synchronization context would deadlock its turn; use await.");

    public override SynchronizationContext CreateCopy() => this;

    private sealed class Continuation(SendOrPostCallback callback, object? state)
    {
        public void Invoke() => callback(state);
    }
}
