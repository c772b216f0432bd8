using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.Spawn;

/// <summary>
/// What an idle actor of the memory probe signals: that it started, and that it handled the one message it is told.
/// Every framework's idle actor holds this object as its only field, so each carries the same 8-byte user state.
/// </summary>
public sealed class IdleSignals(int count)
{
    public Countdown Started { get; } = new(count);

    public Countdown Handled { get; } = new(count);
}
