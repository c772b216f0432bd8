using TypedActors.Cell;

namespace TypedActors;

/// <summary>
/// A message scheduled by an actor with <c>SendAfter</c> or <c>SendPeriodically</c>. Cancel it (or dispose it) to stop
/// it; it is cancelled automatically when the actor that scheduled it stops, so no timer outlives its actor.
/// </summary>
public sealed class ActorTimer : IDisposable
{
    private readonly ActorCell _owner;
    private readonly Address _target;
    private readonly object _message;
    private readonly bool _periodic;
    private ITimer? _timer;
    private int _cancelled;

    internal ActorTimer(ActorCell owner, Address target, object message, bool periodic)
    {
        _owner = owner;
        _target = target;
        _message = message;
        _periodic = periodic;
    }

    /// <summary>True once cancelled, or once a one-shot timer has fired.</summary>
    public bool IsCancelled => Volatile.Read(ref _cancelled) != 0;

    internal void Start(TimeProvider clock, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = clock.CreateTimer(static state => ((ActorTimer)state!).Fire(), this, dueTime, period);
        Volatile.Write(ref _timer, timer);
        if (IsCancelled)
        {
            timer.Dispose(); // cancelled while it was being created
        }
    }

    /// <summary>Stops the timer. A message already sent is not recalled.</summary>
    public void Cancel()
    {
        if (Interlocked.Exchange(ref _cancelled, 1) == 0)
        {
            Volatile.Read(ref _timer)?.Dispose();
            _owner.ForgetTimer(this);
        }
    }

    /// <inheritdoc />
    public void Dispose() => Cancel();

    private void Fire()
    {
        if (IsCancelled)
        {
            return;
        }

        if (!_periodic)
        {
            Cancel();
        }

        if (_message is Supervision.IUndeliverable)
        {
            _target.Process!.DeliverSignal(_message); // a runtime signal on a timer (a supervisor's back-off): never refused
        }
        else
        {
            _target.Send(_message);
        }
    }
}
