using MessagePack;

namespace TypedActors.Persistence;

internal sealed partial class PersistenceBinding
{
    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first instance has recovered; fails when it could not, or the actor ended first.</summary>
    public Task Recovered => _recovered.Task;

    /// <summary>
    /// Starts an instance: recovers it (latest snapshot, then the events after it, through its <c>[Apply]</c> methods),
    /// then runs its <c>OnStarted</c>. Runs as the cell's start hook, so messages wait in the mailbox meanwhile.
    /// </summary>
    public async Task RecoverThenStartAsync(Actor actor)
    {
        var instance = (IPersistentActor)actor;
        _instance = instance;
        _recovering = true;
        _broken = null;
        try
        {
            await WritesDrained(); // a restarted instance reads what its predecessor's writes left, not a race with them
            CancellationToken stopping = _cell!.StoppingToken;
            _lease ??= await _journal.AcquireAsync(PersistenceId, stopping);
            _system.RememberPersistent(PersistenceId, _cell);
            long snapshotAt = await LoadSnapshotAsync(instance, stopping);
            var replay = new Replay(this, instance, snapshotAt);
            await _journal.ReplayAsync(PersistenceId, snapshotAt + 1, replay, stopping);
            _applied = _reserved = replay.Last;
            _snapshotAt = snapshotAt;
        }
        catch (Exception exception)
        {
            Exception failure = exception is PersistenceException or OperationCanceledException
                ? exception
                : new PersistenceRecoveryException(PersistenceId, 0, $"Recovering '{PersistenceId}' failed: {exception.Message}", exception);
            _recovered.TrySetException(failure);
            if (ReferenceEquals(failure, exception))
            {
                throw;
            }

            throw failure;
        }
        finally
        {
            _recovering = false;
        }

        _recovered.TrySetResult();
        await actor.InvokeOnStarted();
    }

    /// <summary>
    /// Restores the latest snapshot and returns its sequence number, or 0 without one. A snapshot that cannot be read
    /// is reported and ignored (the fields stay as the constructor made them): the events alone recover the state.
    /// </summary>
    private async Task<long> LoadSnapshotAsync(IPersistentActor instance, CancellationToken cancellationToken)
    {
        if (_snapshots is null)
        {
            return 0;
        }

        StoredSnapshot? snapshot = await _snapshots.LoadAsync(PersistenceId, cancellationToken);
        if (snapshot is null)
        {
            return 0;
        }

        try
        {
            var reader = new MessagePackReader(snapshot.Data);
            instance.ReadSnapshot(ref reader, Options);
            return snapshot.SequenceNr;
        }
        catch (MessagePackSerializationException exception)
        {
            _system.ReportError(Address, new PersistenceRecoveryException(
                PersistenceId,
                snapshot.SequenceNr,
                $"The snapshot of '{PersistenceId}' at {snapshot.SequenceNr} cannot be read ({exception.Message}); recovering from the events alone.",
                exception), "recovery");
            return 0;
        }
    }

    /// <summary>
    /// Completes once the actor has terminated and its lease is released in the journal (or releasing it failed, which
    /// is reported): from then on another journal or process may take the id. The actor's <c>Completion</c> waits for it.
    /// </summary>
    public Task Released => _released.Task;

    /// <summary>
    /// Called once the cell has terminated for good: a recovery still waited for fails, and the lease is released
    /// once no write is in flight any more (so that another owner cannot append between them).
    /// </summary>
    public void OnTerminated(ExitReason reason)
    {
        _terminated = true;
        _recovered.TrySetException(new PersistenceRecoveryException(
            PersistenceId, 0, $"The actor of '{PersistenceId}' terminated ({reason}) before it had recovered."));
        _system.ForgetPersistent(PersistenceId, _cell!);
        _ = ReleaseAsync();
    }

    private async Task ReleaseAsync()
    {
        try
        {
            await WritesDrained();
            if (_lease is { } lease)
            {
                await _journal.ReleaseAsync(lease, CancellationToken.None);
            }
        }
        catch (Exception exception)
        {
            // The id stays owned by this process until it ends; a later owner then takes the lease over.
            _system.ReportError(Address, exception, $"releasing the lease of '{PersistenceId}'");
        }
        finally
        {
            _released.TrySetResult();
        }
    }

    /// <summary>Applies replayed events to the instance, checking that they follow each other without a gap.</summary>
    private sealed class Replay(PersistenceBinding binding, IPersistentActor instance, long after) : IEventReplayConsumer
    {
        public long Last { get; private set; } = after;

        public void OnEvent(long sequenceNr, ReadOnlyMemory<byte> payload)
        {
            string id = binding.PersistenceId;
            if (sequenceNr != Last + 1)
            {
                throw new PersistenceRecoveryException(
                    id, sequenceNr, $"The journal replayed event {sequenceNr} of '{id}' after event {Last}: the stream has a gap, or the journal returned events out of order.");
            }

            object @event;
            try
            {
                var reader = new MessagePackReader(payload);
                @event = instance.ReadEvent(ref reader, binding.Options);
            }
            catch (MessagePackSerializationException exception)
            {
                throw new PersistenceRecoveryException(id, sequenceNr, $"Event {sequenceNr} of '{id}' cannot be read: {exception.Message}", exception);
            }

            try
            {
                instance.ApplyEvent(@event);
            }
            catch (Exception exception)
            {
                throw new PersistenceRecoveryException(
                    id, sequenceNr, $"Applying event {sequenceNr} of '{id}' ({@event.GetType().Name}) failed: {exception.Message}", exception);
            }

            Last = sequenceNr;
        }
    }
}
