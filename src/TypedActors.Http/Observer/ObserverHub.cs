using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TypedActors.Introspection;

namespace TypedActors.Http.Observer;

/// <summary>
/// The connected pages and the one sampling loop they share. The loop runs only while at least one page is connected:
/// each interval it takes this process's report and, in a cluster, asks every other process for its own, and offers
/// the frame to every page. The last page to leave stops the loop and releases the observation.
/// </summary>
internal sealed class ObserverHub
{
    private readonly object _gate = new();
    private readonly List<ObserverClient> _clients = [];
    private readonly ActorSystem _system;
    private readonly ActorObserverOptions _options;
    private readonly ILogger _logger;
    private CancellationTokenSource? _stopLoop;
    private IDisposable? _watch;
    private byte[]? _lastFrame;

    public ObserverHub(ActorSystem system, ActorObserverOptions options, ILogger logger)
    {
        _system = system;
        _options = options;
        _logger = logger;
        Local = new NodeObservation(system, options, () => system.Introspection.Peers?.LocalName ?? LocalName);
    }

    /// <summary>The name of the only process outside a cluster.</summary>
    public const string LocalName = "local";

    public NodeObservation Local { get; }

    /// <summary>True while the sampling loop runs.</summary>
    public bool IsSampling
    {
        get
        {
            lock (_gate)
            {
                return _stopLoop is not null;
            }
        }
    }

    public int ClientCount
    {
        get
        {
            lock (_gate)
            {
                return _clients.Count;
            }
        }
    }

    /// <summary>Connects a page, starting the loop if it is the first; false when <see cref="ActorObserverOptions.MaxWatchers"/> are connected.</summary>
    public bool TryConnect(out ObserverClient client)
    {
        client = new ObserverClient();
        lock (_gate)
        {
            if (_clients.Count >= _options.MaxWatchers)
            {
                return false;
            }

            _clients.Add(client);
            if (_stopLoop is null)
            {
                _watch = Local.Watch();
                _stopLoop = new CancellationTokenSource();
                _lastFrame = null;
                CancellationToken stop = _stopLoop.Token;
                _ = Task.Run(() => RunAsync(stop), CancellationToken.None);
            }
            else if (_lastFrame is not null)
            {
                client.Offer(_lastFrame); // the newcomer need not wait a whole interval
            }
        }

        return true;
    }

    public void Disconnect(ObserverClient client)
    {
        lock (_gate)
        {
            client.Complete();
            if (!_clients.Remove(client) || _clients.Count > 0)
            {
                return;
            }

            _stopLoop!.Cancel();
            _stopLoop.Dispose();
            _stopLoop = null;
            _watch!.Dispose();
            _watch = null;
            _lastFrame = null;
        }
    }

    /// <summary>Asks process <paramref name="node"/>: this one directly, another through the cluster's introspection channel.</summary>
    public async Task<ObserverAnswer> AskAsync(string node, ObserverQuery query, CancellationToken cancellationToken)
    {
        IIntrospectionPeers? peers = _system.Introspection.Peers;
        if (node == Local.Name)
        {
            return await Local.RunAsync(query, cancellationToken).ConfigureAwait(false);
        }

        if (peers is null)
        {
            return ObserverAnswer.Problem(404, "Unknown process", $"There is no process named '{node}'.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.QueryTimeout);
        try
        {
            IReadOnlyList<string> nodes = await peers.ListAsync(timeout.Token).ConfigureAwait(false);
            if (!nodes.Contains(node, StringComparer.Ordinal))
            {
                return ObserverAnswer.Problem(404, "Unknown process", $"There is no live process named '{node}'.");
            }

            return ObserverAnswer.FromBytes(await peers.AskAsync(node, query.ToBytes(), timeout.Token).ConfigureAwait(false), node);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ObserverAnswer.Problem(504, "Timed out", $"The process '{node}' did not answer in time.");
        }
        catch (IntrospectionUnavailableException)
        {
            return ObserverAnswer.Problem(502, "Process unavailable", $"The process '{node}' could not be reached or does not run the observer.");
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_options.SampleInterval, _system.TimeProvider);
        try
        {
            do
            {
                byte[] frame;
                try
                {
                    frame = await BuildFrameAsync(stop).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    _logger.LogError(exception, "The actor observer could not sample the system; it tries again next interval.");
                    continue;
                }

                lock (_gate)
                {
                    if (stop.IsCancellationRequested)
                    {
                        return;
                    }

                    _lastFrame = frame;
                    foreach (ObserverClient client in _clients)
                    {
                        client.Offer(frame);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The last page left.
        }
    }

    /// <summary>One frame: the report of every process (this one's first) and the processes that did not answer.</summary>
    private async Task<byte[]> BuildFrameAsync(CancellationToken stop)
    {
        byte[] local = Local.Report();
        List<byte[]> reports = [local];
        List<(string Node, string Problem)> unreachable = [];
        if (_system.Introspection.Peers is { } peers)
        {
            IReadOnlyList<string> nodes;
            using (var listTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop))
            {
                listTimeout.CancelAfter(_options.QueryTimeout);
                nodes = await peers.ListAsync(listTimeout.Token).ConfigureAwait(false);
            }

            string self = Local.Name;
            ObserverQuery report = new(ObserverOperation.Report);
            ObserverAnswer[] answers = await Task.WhenAll(nodes.Where(node => node != self).Select(node => AskAsync(node, report, stop))).ConfigureAwait(false);
            int i = 0;
            foreach (string node in nodes.Where(node => node != self))
            {
                ObserverAnswer answer = answers[i++];
                if (answer.IsProblem)
                {
                    unreachable.Add((node, answer.Title ?? "No answer"));
                }
                else
                {
                    reports.Add(answer.Body);
                }
            }
        }

        var buffer = new ArrayBufferWriter<byte>(reports.Sum(report => report.Length) + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("time", _system.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            writer.WriteNumber("interval", (long)_options.SampleInterval.TotalMilliseconds);
            writer.WriteStartArray("nodes");
            foreach (byte[] report in reports)
            {
                writer.WriteRawValue(report, skipInputValidation: report == local); // another process's report is checked
            }

            writer.WriteEndArray();
            writer.WriteStartArray("unreachable");
            foreach ((string node, string problem) in unreachable)
            {
                writer.WriteStartObject();
                writer.WriteString("node", node);
                writer.WriteString("problem", problem);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
