using TypedActors.Diagnostics;
using TypedActors.Dispatching;
using TypedActors.Receive;

namespace TypedActors.Cell;

internal sealed partial class ActorCell
{
    /// <summary>
    /// Selective receive: takes the first queued message (in arrival order) that <paramref name="accepts"/> accepts;
    /// every other message stays queued, in order, for normal dispatch after the current handler. Waits when none is
    /// queued yet.
    /// </summary>
    public Task<TResult> ReceiveAsync<TResult>(
        Func<object, bool> accepts, Func<object, TResult> convert, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (t_current != this)
        {
            throw new InvalidOperationException(
                "Receive can only be called by the actor itself, during its own turn: inside a handler or lifecycle hook, " +
                "not from another thread or after ConfigureAwait(false).");
        }

        if (_killRequested)
        {
            return Task.FromException<TResult>(new KilledException(Address));
        }

        if (Volatile.Read(ref _state) >= Suspended)
        {
            throw new InvalidOperationException($"{this} is terminating; it cannot receive messages any more.");
        }

        TimeSpan wait = timeout ?? Timeout.InfiniteTimeSpan;
        if (wait < TimeSpan.Zero && wait != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A receive timeout must be zero or positive.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        CellExtras extras = Extras;
        if (extras.Waiter is not null)
        {
            throw new InvalidOperationException($"{this} is already waiting in Receive; a handler can wait for one receive at a time.");
        }

        LinkedList<object> saved = extras.Saved ??= new LinkedList<object>();
        for (LinkedListNode<object>? node = saved.First; node is not null; node = node.Next)
        {
            if (accepts(MessageOf(node.Value)))
            {
                saved.Remove(node);
                return Task.FromResult(convert(Take(Leave(node.Value))));
            }
        }

        while (_mailbox.TryDequeue(out object? item))
        {
            bool matched;
            try
            {
                matched = accepts(MessageOf(item));
            }
            catch
            {
                saved.AddLast(item); // a throwing predicate must not lose the message
                throw;
            }

            if (matched)
            {
                return Task.FromResult(convert(Take(Leave(item))));
            }

            saved.AddLast(item); // still queued: it counts against a bounded mailbox until it leaves
        }

        if (wait == TimeSpan.Zero)
        {
            // Erlang's "after 0": take a match that is already queued, never wait for one.
            return Task.FromException<TResult>(new TimeoutException($"Receive in {this} found no matching message queued (timeout zero)."));
        }

        var waiter = new ReceiveWaiter<TResult>(this, accepts, convert, wait, cancellationToken);
        extras.Waiter = waiter;
        return waiter.Task;
    }

    /// <summary>Offers the next mailbox message to the waiting receive. False when the mailbox is empty.</summary>
    private bool OfferNextToWaiter(CellExtras extras)
    {
        if (!_mailbox.TryDequeue(out object? item))
        {
            return false;
        }

        ReceiveWaiter waiter = extras.Waiter!;
        bool matched;
        try
        {
            matched = waiter.Accepts(MessageOf(item));
        }
        catch (Exception exception)
        {
            extras.Saved!.AddLast(item);
            extras.Waiter = null;
            waiter.Fail(exception);
            return true;
        }

        if (matched)
        {
            extras.Waiter = null;
            waiter.Complete(Take(Leave(item)));
        }
        else
        {
            extras.Saved!.AddLast(item);
        }

        return true;
    }

    /// <summary>Ends a wait from a timer or cancellation callback, inside the actor's turn, if it is still waiting.</summary>
    public void EndWaitInTurn(ReceiveWaiter waiter, Exception reason) =>
        Post(static state =>
        {
            var (cell, waiter, reason) = ((ActorCell, ReceiveWaiter, Exception))state!;
            CellExtras extras = cell.Extras;
            if (ReferenceEquals(extras.Waiter, waiter))
            {
                extras.Waiter = null;
                waiter.Fail(reason);
            }
        }, (this, waiter, reason));

    private static object MessageOf(object item) => item switch
    {
        Reply reply => reply.Message,
        TracedMessage traced => traced.Message,
        Mailbox.SignalEnvelope signal => MessageOf(signal.Signal),
        _ => item,
    };

    /// <summary>Takes a queued item for a receive. A request sent with Ask will never be answered: its asker learns so now.</summary>
    private object Take(object item)
    {
        if (item is Reply reply)
        {
            reply.Fail(new RequestNotAnsweredException(Address, reply.Message.GetType()));
            return reply.Message;
        }

        return MessageOf(item);
    }
}
