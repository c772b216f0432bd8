using TypedActors.Cell;
using TypedActors.Diagnostics;
using TypedActors.CompilerServices;
using TypedActors.Dispatching;
using TypedActors.Supervision;

namespace TypedActors;

/// <summary>
/// An actor that starts children and restarts them when they terminate, under the same address: holders of a child's
/// reference keep working, messages queued behind a failing one wait for the new instance, and the failing message
/// becomes a dead letter. Spawn it like any actor:
/// <code>
/// var db = ChildSpec.Of&lt;Database&gt;();
/// var cache = ChildSpec.Of(() =&gt; new Cache(db.Ref), RestartPolicy.Transient);
/// system.Spawn(() =&gt; new Supervisor(new SupervisorOptions { Strategy = SupervisionStrategy.RestForOne }, db, cache));
/// ActorRef&lt;Database&gt; database = db.Ref;
/// </code>
/// </summary>
/// <remarks>
/// Restarts happen one child at a time, in declaration order; each waits for the previous child's <c>OnStarted</c>.
/// When more than <see cref="SupervisorOptions.MaxRestarts"/> restarts happen within
/// <see cref="SupervisorOptions.Within"/>, the supervisor fails with <see cref="SupervisionException"/>: its children
/// stop, and the failure goes to whoever supervises, links or monitors the supervisor. If the supervisor itself is
/// restarted, its children are created anew, with new addresses.
/// </remarks>
public sealed class Supervisor : Actor
{
    private readonly SupervisorOptions _options;
    private readonly List<Child> _children = [];
    private readonly Queue<long> _restartTimes = new();
    private readonly SortedSet<int> _toRestart = [];
    private readonly HashSet<int> _awaitingStop = [];
    private int? _starting;
    private int _plan;
    private bool _backoffElapsed;
    private bool _backoffScheduled;

    /// <summary>Creates the supervisor and starts <paramref name="children"/> in order.</summary>
    /// <exception cref="ActorCreationException">A child could not be created; the children already started are stopped.</exception>
    public Supervisor(SupervisorOptions options, params ChildSpec[] children)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(children);
        _options = options;
        try
        {
            foreach (ChildSpec spec in children)
            {
                ArgumentNullException.ThrowIfNull(spec, nameof(children));
                var slot = new SupervisionSlot(Cell, spec);
                ActorCell cell = spec.Start(Cell, c => c.Supervise(slot));
                _children.Add(new Child(spec, cell, slot));
            }
        }
        catch
        {
            foreach (Child started in _children)
            {
                started.Slot.Detach();
                started.Cell.Stop();
            }

            throw;
        }
    }

    /// <inheritdoc />
    protected override ValueTask DispatchAsync(object message, Reply? reply)
    {
        switch (message)
        {
            case ChildStopped stopped:
                OnChildStopped(stopped);
                return Replies.Done(reply);
            case ChildStarted started:
                OnChildStarted(started.Child);
                return Replies.Done(reply);
            case RestartDue due:
                if (due.Plan == _plan)
                {
                    _backoffElapsed = true;
                    Progress();
                }

                return Replies.Done(reply);
            default:
                return Unhandled(message, reply);
        }
    }

    private void OnChildStopped(ChildStopped stopped)
    {
        int index = _children.FindIndex(c => ReferenceEquals(c.Cell, stopped.Child));
        if (index < 0)
        {
            stopped.Child.TerminateForGood(); // a child of an earlier instance of this supervisor
            return;
        }

        Child child = _children[index];
        if (stopped.Requested)
        {
            child.Slot.SuspendRequested = false;
            _awaitingStop.Remove(index);
            Progress();
            return;
        }

        if (_starting == index)
        {
            _starting = null; // it failed while starting
        }

        if (!ShouldRestart(child.Spec.Policy, stopped.Reason))
        {
            child.Removed = true;
            child.Slot.Detach();
            _toRestart.Remove(index);
            child.Cell.TerminateForGood();
            Progress();
            return;
        }

        CountRestart(child, stopped.Reason);
        child.LastExit = stopped.Reason;
        foreach (int affected in Affected(index))
        {
            if (_toRestart.Add(affected) && affected != index && _starting != affected)
            {
                _awaitingStop.Add(affected);
                _children[affected].Slot.SuspendRequested = true;
                _children[affected].Cell.TrySchedule();
            }
        }

        Progress();
    }

    private void OnChildStarted(ActorCell cell)
    {
        if (_starting is { } index && ReferenceEquals(_children[index].Cell, cell))
        {
            _starting = null;
            Progress();
        }
    }

    /// <summary>Restarts the next waiting child once every affected child has stopped and any back-off has elapsed.</summary>
    private void Progress()
    {
        if (_awaitingStop.Count > 0 || _starting is not null)
        {
            return;
        }

        if (_toRestart.Count == 0)
        {
            _backoffElapsed = false;
            _backoffScheduled = false;
            return;
        }

        if (_options.Backoff is { } backoff && !_backoffElapsed)
        {
            if (!_backoffScheduled)
            {
                _backoffScheduled = true;
                SendAfter(backoff.DelayFor(_restartTimes.Count), new RestartDue(++_plan));
            }

            return;
        }

        int next = _toRestart.Min;
        _toRestart.Remove(next);
        Child child = _children[next];
        ActorLog.ChildRestarting(ActorSystem.Logger, SelfAddress, child.Cell.Address, child.LastExit ?? ExitReason.Normal);
        _starting = next;
        child.Slot.NotifyStarted = true;
        IServiceProvider? services = ActorSystem.Services;
        child.Cell.RestartInPlace(() => child.Spec.CreateInstance(services));
    }

    private void CountRestart(Child child, ExitReason reason)
    {
        TimeProvider clock = ActorSystem.Options.TimeProvider;
        long now = clock.GetTimestamp();
        _restartTimes.Enqueue(now);
        while (_restartTimes.Count > 0 && clock.GetElapsedTime(_restartTimes.Peek(), now) > _options.Within)
        {
            _restartTimes.Dequeue();
        }

        if (_restartTimes.Count > _options.MaxRestarts)
        {
            foreach (Child each in _children)
            {
                each.Slot.Detach(); // nobody is restarted any more; children end with this supervisor
            }

            child.Cell.TerminateForGood();
            string why = $"{child.Cell} needed more than {_options.MaxRestarts} restarts within {_options.Within}; last exit: {reason}.";
            ActorLog.SupervisorGivesUp(ActorSystem.Logger, SelfAddress, why);
            throw new SupervisionException(why);
        }
    }

    private IEnumerable<int> Affected(int index)
    {
        int from = _options.Strategy switch
        {
            SupervisionStrategy.OneForAll => 0,
            SupervisionStrategy.RestForOne => index,
            _ => -1,
        };
        if (from < 0)
        {
            yield return index;
            yield break;
        }

        for (int i = from; i < _children.Count; i++)
        {
            if (!_children[i].Removed)
            {
                yield return i;
            }
        }
    }

    private static bool ShouldRestart(RestartPolicy policy, ExitReason reason) => policy switch
    {
        RestartPolicy.Permanent => true,
        RestartPolicy.Transient => !reason.IsNormal,
        _ => false,
    };

    private sealed class Child(ChildSpec spec, ActorCell cell, SupervisionSlot slot)
    {
        public ChildSpec Spec { get; } = spec;

        public ActorCell Cell { get; } = cell;

        public SupervisionSlot Slot { get; } = slot;

        public bool Removed { get; set; }

        public ExitReason? LastExit { get; set; }
    }
}
