using System.Diagnostics;
using MessagePack;
using TypedActors.Copying.Serialization;
using TypedActors.Introspection;
using TypedActors.State;

namespace TypedActors.Http.Observer;

/// <summary>
/// The observer's view of the actor system of this process: it samples the actors, names them with handles, collects
/// dead letters and failures, and answers queries (its report, the supervision tree, an actor's state, stop and kill).
/// It is active only while watched: by a page of this process (<see cref="Watch"/>), or by another process's page whose
/// queries renew a lease of three sample intervals. When neither holds, it unsubscribes and forgets its handles, and
/// the system runs exactly as if it had never been observed.
/// </summary>
internal sealed class NodeObservation : IDisposable
{
    private readonly object _gate = new();
    private readonly ActorSystem _system;
    private readonly ActorObserverOptions _options;
    private readonly ActorTracks _tracks = new();
    private readonly RecentEvents _events;
    private readonly List<ActorSample> _samples = [];
    private readonly List<ActorRow> _rows = [];
    private readonly MessagePackSerializerOptions _stateOptions;
    private readonly TimeSpan _lease;
    private int _watchers;
    private long _leaseUntil;
    private ITimer? _leaseTimer;
    private byte[]? _report;
    private long _reportedAt;
    private long _samplesTaken;

    private readonly Func<string> _name;

    public NodeObservation(ActorSystem system, ActorObserverOptions options, Func<string> name)
    {
        _system = system;
        _options = options;
        _name = name;
        _events = new RecentEvents(system, options.RecentEvents);
        _lease = options.SampleInterval * 3;
        _stateOptions = ActorMessagePack.CreateOptions(system).WithAddressFormat(new ObserverAddressFormat(this));
    }

    /// <summary>This process's name on the page ("local" outside a cluster; a cluster names its processes once it is up).</summary>
    public string Name => _name();

    /// <summary>True while dead letters and failures are being collected (someone watches).</summary>
    public bool IsActive
    {
        get
        {
            lock (_gate)
            {
                return _events.IsSubscribed;
            }
        }
    }

    /// <summary>How many samples of the system were taken (tests check that none are taken while nobody watches).</summary>
    public long SamplesTaken => Interlocked.Read(ref _samplesTaken);

    /// <summary>Keeps the observation active until the returned handle is disposed.</summary>
    public IDisposable Watch()
    {
        lock (_gate)
        {
            _watchers++;
            _events.Start();
        }

        return new Watcher(this);
    }

    /// <summary>This process's report (JSON), sampled now unless a report of the last half interval can serve.</summary>
    public byte[] Report()
    {
        lock (_gate)
        {
            KeepActive();
            long now = Stopwatch.GetTimestamp();
            if (_report is not null && Stopwatch.GetElapsedTime(_reportedAt, now) < _options.SampleInterval / 2)
            {
                return _report;
            }

            Resample(now);
            _report = NodeReportWriter.Report(new NodeReport(
                Name, _system.TimeProvider.GetUtcNow(), _options.ActionsPolicy is not null, _rows, _events, _options, HandleOfLocked));
            _reportedAt = now;
            return _report;
        }
    }

    /// <summary>Answers a query of this process's page or, through the introspection channel, of another process's.</summary>
    public async Task<ObserverAnswer> RunAsync(ObserverQuery query, CancellationToken cancellationToken)
    {
        if (query.Operation == ObserverOperation.Report)
        {
            return ObserverAnswer.Ok(Report());
        }

        if (query.Operation == ObserverOperation.Tree)
        {
            return Tree(query.Handle, query.Type, query.Offset, query.Limit);
        }

        if (!ActorTracks.IsHandle(query.Handle) || !TryResolve(query.Handle!, out Address address))
        {
            return ObserverAnswer.UnknownActor(query.Handle ?? "");
        }

        return query.Operation switch
        {
            ObserverOperation.State => await StateAsync(address, cancellationToken).ConfigureAwait(false),
            _ => await ActAsync(query.Operation, address, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>The handle of a live local actor, for writing references to it; null for any other.</summary>
    public string? HandleOf(Address address)
    {
        lock (_gate)
        {
            return HandleOfLocked(address);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _watchers = 0;
            _leaseUntil = 0;
            Deactivate();
        }
    }

    private string? HandleOfLocked(Address address) => _tracks.HandleOf(address);

    private bool TryResolve(string handle, out Address address)
    {
        lock (_gate)
        {
            KeepActive();
            return _tracks.TryResolve(handle, out address);
        }
    }

    private ObserverAnswer Tree(string? parentHandle, string? type, int offset, int limit)
    {
        limit = Math.Clamp(limit, 1, _options.MaxTreePage);
        offset = Math.Max(0, offset);
        List<(ActorRow Row, int Children)> page;
        List<(string Type, int Count)> groups;
        int total;
        lock (_gate)
        {
            KeepActive();
            if (_rows.Count == 0 || _report is null)
            {
                Resample(Stopwatch.GetTimestamp());
            }

            Address parent = default;
            if (parentHandle is not null && (!ActorTracks.IsHandle(parentHandle) || !_tracks.TryResolve(parentHandle, out parent)))
            {
                return ObserverAnswer.UnknownActor(parentHandle);
            }

            var childCounts = new Dictionary<Address, int>();
            var level = new List<ActorRow>();
            foreach (ActorRow row in _rows)
            {
                if (!row.Sample.Parent.IsEmpty)
                {
                    childCounts[row.Sample.Parent] = childCounts.GetValueOrDefault(row.Sample.Parent) + 1;
                }

                if (row.Sample.Parent == parent)
                {
                    level.Add(row);
                }
            }

            level.Sort(static (a, b) => string.CompareOrdinal(a.TypeName, b.TypeName) is var byType and not 0
                ? byType
                : string.CompareOrdinal(a.Track.Handle, b.Track.Handle));
            groups = [.. level.GroupBy(row => row.TypeName, StringComparer.Ordinal).Select(group => (group.Key, group.Count()))];
            List<ActorRow> shown = type is null ? level : level.FindAll(row => row.TypeName == type);
            total = shown.Count;
            page = [.. shown.Skip(offset).Take(limit).Select(row => (row, childCounts.GetValueOrDefault(row.Sample.Address)))];
        }

        // Relations are read outside the observation's lock: each takes its actor's own lock.
        var withRelations = page.Select(entry => (entry.Row, entry.Children, ActorIntrospection.GetRelations(entry.Row.Sample.Address))).ToList();
        return ObserverAnswer.Ok(NodeReportWriter.TreePage(new TreeLevel(Name, parentHandle, type, groups, total, offset), withRelations, HandleOf));
    }

    private async Task<ObserverAnswer> StateAsync(Address address, CancellationToken cancellationToken)
    {
        byte[] state;
        try
        {
            state = await ActorState.CaptureAsync(address, _stateOptions, _options.StateLimits, _options.QueryTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (StateTooLargeException tooLarge)
        {
            return ObserverAnswer.Problem(409, "State too large", $"The actor's state is larger than the {tooLarge.MaxBytes} bytes a snapshot may have here.");
        }
        catch (TimeoutException)
        {
            return ObserverAnswer.Problem(504, "Timed out", "The actor did not take its state snapshot in time (it may be busy with a long handler).");
        }
        catch (DeadActorException)
        {
            return ObserverAnswer.Problem(404, "Actor not found", "The actor died before it took its state snapshot.");
        }

        string json = MessagePackSerializer.ConvertToJson(state, _stateOptions, cancellationToken);
        return ObserverAnswer.Ok(System.Text.Encoding.UTF8.GetBytes(json));
    }

    private async Task<ObserverAnswer> ActAsync(ObserverOperation operation, Address address, CancellationToken cancellationToken)
    {
        if (_options.ActionsPolicy is null)
        {
            return ObserverAnswer.Problem(403, "Actions disabled", $"The process '{Name}' does not allow stopping or killing actors from the observer.");
        }

        if (operation == ObserverOperation.Kill)
        {
            address.Kill();
        }
        else
        {
            address.Stop();
        }

        // A stop waits for the current message and OnStopped; the page learns whether the actor is gone yet.
        Task<ExitReason> completion = address.Completion;
        Task finished = await Task.WhenAny(completion, Task.Delay(_options.QueryTimeout, _system.TimeProvider, cancellationToken)).ConfigureAwait(false);
        return finished == completion ? ObserverAnswer.NoContent() : ObserverAnswer.Accepted();
    }

    /// <summary>Reads every actor and updates handles and rates. Called under the lock.</summary>
    private void Resample(long timestamp)
    {
        ActorIntrospection.Sample(_system, _samples);
        _tracks.BeginSample();
        _rows.Clear();
        foreach (ActorSample sample in _samples)
        {
            _rows.Add(new ActorRow(sample, _tracks.See(sample, timestamp)));
        }

        _tracks.EndSample();
        _samples.Clear(); // the rows hold what is needed; the list keeps its storage for the next sample
        Interlocked.Increment(ref _samplesTaken);
    }

    /// <summary>Starts or renews the lease of a query. Called under the lock.</summary>
    private void KeepActive()
    {
        _leaseUntil = Stopwatch.GetTimestamp() + (long)(_lease.TotalSeconds * Stopwatch.Frequency);
        _events.Start();
        _leaseTimer ??= _system.TimeProvider.CreateTimer(static state => ((NodeObservation)state!).OnLeaseCheck(), this, _lease, _lease);
    }

    private void OnLeaseCheck()
    {
        lock (_gate)
        {
            if (_watchers == 0 && Stopwatch.GetTimestamp() > _leaseUntil)
            {
                Deactivate();
            }
        }
    }

    private void Release()
    {
        lock (_gate)
        {
            if (--_watchers == 0 && Stopwatch.GetTimestamp() > _leaseUntil)
            {
                Deactivate();
            }
        }
    }

    /// <summary>Stops collecting and forgets handles, rows and the last report. Called under the lock.</summary>
    private void Deactivate()
    {
        _leaseTimer?.Dispose();
        _leaseTimer = null;
        _events.Stop();
        _tracks.Clear();
        _rows.Clear();
        _samples.TrimExcess();
        _rows.TrimExcess();
        _report = null;
    }

    private sealed class Watcher(NodeObservation observation) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                observation.Release();
            }
        }
    }
}
