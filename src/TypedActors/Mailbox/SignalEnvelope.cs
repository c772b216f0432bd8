namespace TypedActors.Mailbox;

/// <summary>
/// A runtime signal (an exit signal, a <see cref="Down"/>, a supervisor's notice, a state snapshot request, a receive
/// timeout) in the mailbox of a bounded actor. Signals are never refused and never counted against the capacity; the
/// envelope is how the consumer tells them from user messages of the same types when they leave the queue. Only bounded
/// mailboxes wrap their signals, so an unbounded actor allocates nothing for it.
/// </summary>
internal sealed class SignalEnvelope(object signal)
{
    public object Signal { get; } = signal;
}
