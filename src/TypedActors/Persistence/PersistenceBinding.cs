using System.Buffers;
using MessagePack;
using TypedActors.Cell;

namespace TypedActors.Persistence;

/// <summary>
/// The persistence of one actor cell: its persistence id, the lease on it, and the sequence numbers of the instance
/// running now. It outlives instances: a supervisor's restart keeps the lease, and the new instance recovers from the
/// journal. Everything but the constructor runs on the actor's turn (or, during a replay, while the actor is parked).
/// </summary>
/// <remarks>
/// A write is handed to the journal at once and completes back on the actor's turn (the awaits below capture the
/// actor's synchronization context). Completions are taken strictly in sequence order from <see cref="_writes"/>, so
/// events are applied in the order they were stored even if the journal completes two writes out of order. Once a
/// write has failed, no later write of the instance is applied, even one the journal reports stored: the instance no
/// longer knows what the stream holds, and only a recovery (a restart) can tell.
/// </remarks>
internal sealed partial class PersistenceBinding
{
    private readonly ActorSystem _system;
    private readonly IJournal _journal;
    private readonly ISnapshotStore? _snapshots;
    private readonly Queue<PendingWrite> _writes = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private ActorCell? _cell;
    private PersistenceLease? _lease;
    private IPersistentActor? _instance;
    private bool _recovering;
    private bool _terminated;
    private long _applied;
    private long _reserved;
    private long _snapshotAt;
    private bool _snapshotting;
    private Exception? _broken;
    private TaskCompletionSource? _drained;

    public PersistenceBinding(ActorSystem system, IJournal journal, ISnapshotStore? snapshots, string persistenceId, PersistenceLease? lease)
    {
        _system = system;
        _journal = journal;
        _snapshots = snapshots;
        PersistenceId = persistenceId;
        _lease = lease;
    }

    public string PersistenceId { get; }

    /// <summary>The sequence number of the last event applied to the running instance.</summary>
    public long LastSequenceNr => _applied;

    private MessagePackSerializerOptions Options => _system.PersistenceOptions;

    private Address Address => _cell?.Address ?? default;

    public void Bind(ActorCell cell) => _cell = cell;

    /// <summary>Stores <paramref name="events"/> atomically; the task completes once they are durable and applied.</summary>
    public Task Persist(Actor actor, object[] events)
    {
        if (!ReferenceEquals(ActorCell.CurrentActor, _cell))
        {
            throw new InvalidOperationException(
                $"Persist was called outside the turn of {actor.GetType().Name} ('{PersistenceId}'), for example after ConfigureAwait(false) or in Task.Run: call it from the actor's own handler.");
        }

        if (_recovering)
        {
            throw new InvalidOperationException(
                $"{actor.GetType().Name} ('{PersistenceId}') called Persist while it recovers: an [Apply] method only changes fields, it never persists.");
        }

        if (_broken is { } broken)
        {
            return Task.FromException(new PersistenceException(
                PersistenceId,
                $"An earlier write of '{PersistenceId}' failed, so this instance no longer knows what its stream holds; it persists nothing more until it is restarted and recovers.",
                broken));
        }

        if (events.Length == 0)
        {
            return Task.CompletedTask;
        }

        var instance = (IPersistentActor)actor;
        ReadOnlyMemory<byte>[] payloads = Serialize(instance, events);
        var write = new PendingWrite(instance, events, _reserved, _reserved + events.Length);
        _reserved = write.Last;
        _writes.Enqueue(write);
        _ = WriteAsync(write, payloads);
        return write.Task;
    }

    private ReadOnlyMemory<byte>[] Serialize(IPersistentActor instance, object[] events)
    {
        var payloads = new ReadOnlyMemory<byte>[events.Length];
        for (int i = 0; i < events.Length; i++)
        {
            object @event = events[i] ?? throw new ArgumentNullException(nameof(events), "An event may not be null.");
            _buffer.ResetWrittenCount();
            var writer = new MessagePackWriter(_buffer);
            try
            {
                instance.WriteEvent(ref writer, @event, Options);
                writer.Flush();
            }
            catch (MessagePackSerializationException exception)
            {
                throw new PersistenceException(
                    PersistenceId, $"The {@event.GetType().Name} event of '{PersistenceId}' could not be serialized: {exception.Message}", exception);
            }

            payloads[i] = _buffer.WrittenSpan.ToArray();
        }

        return payloads;
    }

    /// <summary>Hands a write to the journal; its completion comes back on the actor's turn.</summary>
    private async Task WriteAsync(PendingWrite write, ReadOnlyMemory<byte>[] payloads)
    {
        try
        {
            await _journal.AppendAsync(_lease!, write.Expected, payloads, CancellationToken.None);
        }
        catch (Exception exception)
        {
            write.Failure = exception is PersistenceException
                ? exception
                : new PersistenceException(PersistenceId, $"Storing {payloads.Length} event(s) of '{PersistenceId}' failed: {exception.Message}", exception);
        }

        write.Done = true;
        CompleteWrites();
    }

    /// <summary>Finishes the writes that are done, oldest first, stopping at the first still in flight.</summary>
    private void CompleteWrites()
    {
        while (_writes.TryPeek(out PendingWrite? head) && head.Done)
        {
            _writes.Dequeue();
            Complete(head);
        }

        if (_writes.Count == 0)
        {
            if (_broken is not null)
            {
                _reserved = _applied; // nothing is in flight any more: the next recovery sets both anyway
            }

            TaskCompletionSource? drained = _drained;
            _drained = null;
            drained?.TrySetResult();
        }
    }

    private void Complete(PendingWrite write)
    {
        if (!ReferenceEquals(write.Instance, _instance) || _terminated)
        {
            // The instance that wrote it has ended; if the events were stored, the next recovery applies them.
            write.Fail(write.Failure ?? new PersistenceException(
                PersistenceId, $"The actor of '{PersistenceId}' ended before its events were applied; a recovery applies them from the journal."));
            return;
        }

        if (write.Failure is { } failure)
        {
            _broken ??= failure;
            write.Fail(failure);
            return;
        }

        if (_broken is { } broken)
        {
            write.Fail(new PersistenceException(
                PersistenceId, $"An earlier write of '{PersistenceId}' failed; these events are not applied until the actor recovers.", broken));
            return;
        }

        for (int i = 0; i < write.Events.Length; i++)
        {
            try
            {
                write.Instance.ApplyEvent(write.Events[i]);
            }
            catch (Exception exception)
            {
                _broken = exception; // some events of the call are applied, some not: only a recovery can tell
                write.Fail(exception);
                return;
            }
        }

        _applied = write.Last;
        SnapshotIfDue();
        write.Succeed(); // the handler resumes here, inline, on this turn
    }

    private void SnapshotIfDue()
    {
        int every = _instance!.SnapshotEvery;
        if (every <= 0 || _snapshots is null || _snapshotting || _applied - _snapshotAt < every)
        {
            return;
        }

        _snapshotAt = _applied;
        byte[] snapshot;
        try
        {
            _buffer.ResetWrittenCount();
            var writer = new MessagePackWriter(_buffer);
            _instance.WriteSnapshot(ref writer, Options);
            writer.Flush();
            snapshot = _buffer.WrittenSpan.ToArray();
        }
        catch (Exception exception) when (exception is MessagePackSerializationException or InvalidOperationException)
        {
            _system.ReportError(Address, exception, $"serializing the snapshot of '{PersistenceId}'");
            return;
        }

        _snapshotting = true;
        _ = SaveSnapshotAsync(_applied, snapshot);
    }

    private async Task SaveSnapshotAsync(long sequenceNr, byte[] snapshot)
    {
        try
        {
            await _snapshots!.SaveAsync(_lease!, sequenceNr, snapshot, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The events are stored: a missing snapshot only makes the next recovery replay more of them.
            _system.ReportError(Address, exception, $"saving the snapshot of '{PersistenceId}' at {sequenceNr}");
        }

        _snapshotting = false;
    }

    /// <summary>Completes once no write is in flight (at once when none is).</summary>
    private Task WritesDrained()
    {
        if (_writes.Count == 0)
        {
            return Task.CompletedTask;
        }

        _drained ??= new TaskCompletionSource();
        return _drained.Task;
    }

    /// <summary>One call of Persist: its events, their sequence numbers, and the handler waiting for them.</summary>
    private sealed class PendingWrite(IPersistentActor instance, object[] events, long expected, long last)
    {
        // Completed on the actor's turn without forcing continuations elsewhere, so the handler resumes inline.
        private readonly TaskCompletionSource _completion = new();

        public IPersistentActor Instance { get; } = instance;

        public object[] Events { get; } = events;

        public long Expected { get; } = expected;

        public long Last { get; } = last;

        public bool Done { get; set; }

        public Exception? Failure { get; set; }

        public Task Task => _completion.Task;

        public void Succeed() => _completion.TrySetResult();

        public void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
