namespace TypedActors.Orleans.Tests;

/// <summary>
/// Counts, on one silo, the client probes (<c>Ping</c> calls to a node endpoint) that were answered: a test sees that
/// several probe rounds passed without waiting for a guessed amount of time.
/// </summary>
public sealed class AnsweredProbes : IOutgoingGrainCallFilter
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        await context.Invoke();
        if (context.MethodName == "Ping" && context.InterfaceName.EndsWith("IActorNode", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _count);
        }
    }
}
