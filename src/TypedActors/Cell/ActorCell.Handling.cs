using System.Diagnostics;
using TypedActors.Diagnostics;
using TypedActors.Dispatching;

namespace TypedActors.Cell;

internal sealed partial class ActorCell
{
    private void Start()
    {
        Volatile.Write(ref _state, Running);
        Task started;
        try
        {
            started = InvokeStart();
        }
        catch (Exception exception)
        {
            Fail(exception, message: null, reply: null);
            return;
        }

        Observe(new ValueTask(started), PendingKind.Starting, default);
    }

    /// <summary>Dispatches one queued item: a message, an ask's request, or a message that carries a trace context.</summary>
    private void Process(object item, bool observed)
    {
        Reply? reply = item as Reply;
        TracedMessage? traced = reply is null ? item as TracedMessage : null;
        object message = reply?.Message ?? traced?.Message ?? item;
        if (message is State.StateCapture capture)
        {
            capture.Run(_actor!, reply); // between two messages: the snapshot sees no handler half-way
            return;
        }

        _handled++;

        if (observed)
        {
            ProcessObserved(message, reply, reply?.TraceParent ?? traced?.Parent ?? default);
            return;
        }

        ValueTask handled;
        try
        {
            handled = _actor!.Dispatch(message, reply);
        }
        catch (Exception exception)
        {
            Fail(exception, message, reply);
            return;
        }

        if (handled.IsCompletedSuccessfully)
        {
            handled.GetAwaiter().GetResult(); // a task source from a pool goes back to it only when its result is read
        }
        else
        {
            // Awaiting or failed: parked or finished as in an observed turn, without a duration or an activity.
            Observe(handled, PendingKind.Handler, new Handling(message, reply, Started: 0, Activity: null));
        }

        _extras?.RestartReceiveTimeout();
    }

    /// <summary>Dispatches a message in a turn someone observes: metrics, and a handler activity when it carries a trace.</summary>
    private void ProcessObserved(object message, Reply? reply, ActivityContext traceParent)
    {
        var handling = new Handling(
            message,
            reply,
            _system.Metrics.HandlerDuration.Enabled ? Stopwatch.GetTimestamp() : 0,
            traceParent == default ? null : StartHandlerActivity(message, traceParent));
        ValueTask handled;
        try
        {
            handled = _actor!.Dispatch(message, reply);
        }
        catch (Exception exception)
        {
            Completed(handling, exception);
            Fail(exception, message, reply);
            return;
        }
        finally
        {
            if (handling.Activity is not null)
            {
                Activity.Current = handling.Activity.Parent; // the next message must not run inside this trace
            }
        }

        Observe(handled, PendingKind.Handler, handling);
        _extras?.RestartReceiveTimeout();
    }

    private Activity? StartHandlerActivity(object message, ActivityContext parent) =>
        ActorTelemetry.Source.StartActivity($"{_actorType.Name} receive {message.GetType().Name}", ActivityKind.Consumer, parent)
            ?.SetTag("typedactors.actor", Address.ToString())
            .SetTag("typedactors.message.type", message.GetType().FullName);

    /// <summary>Metrics and trace of a handler that has finished, successfully or not.</summary>
    private void Completed(in Handling handling, Exception? failure)
    {
        ActorSystemMetrics metrics = _system.Metrics;
        if (metrics.Processed.Enabled)
        {
            metrics.MessageProcessed(_actorType);
        }

        if (handling.Started != 0)
        {
            metrics.HandlerCompleted(_actorType, handling.Started);
        }

        if (handling.Activity is { } activity)
        {
            if (failure is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, failure.Message);
            }

            activity.Stop();
        }
    }

    /// <summary>Finishes a handler or hook now, or parks it until its task completes.</summary>
    private void Observe(ValueTask task, PendingKind kind, in Handling handling)
    {
        if (task.IsCompleted)
        {
            Finish(task, kind, handling);
            return;
        }

        CellExtras extras = Extras;
        extras.PendingTask = task;
        extras.PendingKind = kind;
        extras.PendingHandling = handling;
        _system.WorkTracker?.HandlerAwaiting(this, handling.Message?.GetType());

        // Registered while this cell is the current synchronization context, so the callback comes back into a turn.
        task.ConfigureAwait(true).GetAwaiter().UnsafeOnCompleted(extras.PendingCompleted ??= OnPendingCompleted);
    }

    private void OnPendingCompleted()
    {
        _system.WorkTracker?.HandlerResumed(this);
        CellExtras extras = _extras!;
        ValueTask task = extras.PendingTask;
        PendingKind kind = extras.PendingKind;
        Handling handling = extras.PendingHandling;
        extras.PendingTask = default;
        extras.PendingKind = PendingKind.None;
        extras.PendingHandling = default;
        Finish(task, kind, handling);
    }

    private void Finish(ValueTask task, PendingKind kind, in Handling handling)
    {
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            if (kind == PendingKind.Stopping)
            {
                _system.ReportError(Address, exception, "OnStopped");
                AfterOnStopped();
            }
            else
            {
                if (kind == PendingKind.Handler)
                {
                    Completed(handling, exception);
                }

                Fail(exception, handling.Message, handling.Reply);
            }

            return;
        }

        switch (kind)
        {
            case PendingKind.Handler:
                Completed(handling, failure: null);
                break;
            case PendingKind.Stopping:
                AfterOnStopped();
                break;
            case PendingKind.Starting:
                _extras?.Supervision?.OnInstanceStarted(this);
                break;
        }
    }

    private void RunContinuation(Continuation continuation)
    {
        try
        {
            continuation.Invoke();
        }
        catch (Exception exception)
        {
            // Only code the actor started without awaiting it (e.g. an async void method) throws here.
            Fail(exception, message: null, reply: null);
        }
    }

    public void OnUnhandled(object message, Reply? reply)
    {
        reply?.Fail(new UnhandledMessageException(Address, message.GetType()));
        _system.DeadLetters.Publish(message, Address, DeadLetterReason.Unhandled);
    }
}
