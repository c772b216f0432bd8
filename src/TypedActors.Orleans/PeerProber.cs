using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace TypedActors.Orleans;

/// <summary>
/// Detects the loss of processes whose actors this process has links or monitors with, where cluster membership does
/// not tell it: Orleans clients always (membership only covers silos), and silos when this process is itself a client
/// (a client does not follow membership). Every <see cref="ClusterActorsOptions.ClientProbeInterval"/> each such client's
/// node endpoint is pinged, and on a client the cluster's membership table is read once for all silos. A peer that
/// misses <see cref="ClusterActorsOptions.ClientMissedProbesLimit"/> probes in a row (the call fails, or takes longer
/// than <see cref="ClusterActorsOptions.ClientProbeTimeout"/>, or the silo is not in the table) is declared lost, and so
/// is at once a silo the table lists as dead; <see cref="RelationTracker.OnLost"/> then ends its relations. While no such relation exists the
/// prober waits without a timer, so it costs nothing.
/// </summary>
internal sealed class PeerProber
{
    private readonly RelationTracker _relations;
    private readonly Action<SiloAddress> _siloLost;
    private readonly Func<GrainId, Task> _ping;
    private readonly Func<Task<Dictionary<SiloAddress, SiloStatus>>>? _readSilos;
    private readonly ClusterActorsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<RelationPeer, int> _missed = [];

    // One pending wake-up is enough: the loop reads the current peers every time it wakes.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <param name="relations">The relations whose peers are probed, and ended when a peer is lost.</param>
    /// <param name="siloLost">Declares a silo lost (references to its actors die, then its relations end).</param>
    /// <param name="ping">Pings the node endpoint with this grain id.</param>
    /// <param name="readSilos">
    /// Reads every silo's status from the cluster's membership table; null when this process follows membership itself
    /// (a silo), so silos are not probed here.
    /// </param>
    /// <param name="options">Probe interval, timeout and missed-probe limit.</param>
    /// <param name="time">The clock for the interval and the timeout.</param>
    /// <param name="logger">Where missed probes and lost peers are logged.</param>
    public PeerProber(
        RelationTracker relations,
        Action<SiloAddress> siloLost,
        Func<GrainId, Task> ping,
        Func<Task<Dictionary<SiloAddress, SiloStatus>>>? readSilos,
        ClusterActorsOptions options,
        TimeProvider time,
        ILogger logger)
    {
        _relations = relations;
        _siloLost = siloLost;
        _ping = ping;
        _readSilos = readSilos;
        _options = options;
        _time = time;
        _logger = logger;
        relations.PeerAdded += () => _wake.Writer.TryWrite(true);
    }

    /// <summary>Probes until <paramref name="cancellationToken"/> is cancelled (the host stops).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                RelationPeer[] peers = _relations.Peers().Where(peer => peer is ClientPeer || _readSilos is not null).ToArray();
                if (peers.Length == 0)
                {
                    _missed.Clear();
                    await _wake.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                Probe[] probes = await ProbeAsync(peers, cancellationToken).ConfigureAwait(false);
                try
                {
                    CountMisses(probes);
                }
                catch (Exception exception)
                {
                    // Keep probing: one failure must not leave every other peer's loss unnoticed.
                    _logger.LogError(exception, "Ending the relations of a lost peer failed.");
                }

                await Task.Delay(_options.ClientProbeInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    /// <summary>The outcome of one probe of a peer.</summary>
    private enum Answer
    {
        Alive,
        Missed,
        Gone,
    }

    private readonly record struct Probe(RelationPeer Peer, Answer Answer);

    private async Task<Probe[]> ProbeAsync(RelationPeer[] peers, CancellationToken cancellationToken)
    {
        Task<Dictionary<SiloAddress, SiloStatus>?> silos = peers.Any(peer => peer is SiloPeer)
            ? ReadSilosAsync(cancellationToken)
            : Task.FromResult<Dictionary<SiloAddress, SiloStatus>?>(null);
        Task<Answer>[] clients = peers.Select(peer => peer is ClientPeer client ? PingAsync(client, cancellationToken) : null!).ToArray();
        Dictionary<SiloAddress, SiloStatus>? table = await silos.ConfigureAwait(false);

        var probes = new Probe[peers.Length];
        for (int i = 0; i < peers.Length; i++)
        {
            probes[i] = new Probe(peers[i], peers[i] switch
            {
                ClientPeer => await clients[i].ConfigureAwait(false),
                SiloPeer when table is null => Answer.Missed,
                SiloPeer silo => table.TryGetValue(silo.Silo, out SiloStatus status)
                    ? status == SiloStatus.Dead ? Answer.Gone : Answer.Alive
                    : Answer.Missed, // not listed (yet, or any more): only misses in a row declare it lost
                _ => Answer.Alive,
            });
        }

        return probes;
    }

    private async Task<Answer> PingAsync(ClientPeer client, CancellationToken cancellationToken) =>
        await WithinTimeoutAsync(_ping(client.Endpoint), client, cancellationToken).ConfigureAwait(false) ? Answer.Alive : Answer.Missed;

    private async Task<Dictionary<SiloAddress, SiloStatus>?> ReadSilosAsync(CancellationToken cancellationToken)
    {
        Task<Dictionary<SiloAddress, SiloStatus>> read = _readSilos!();
        return await WithinTimeoutAsync(read, "cluster's membership table", cancellationToken).ConfigureAwait(false) ? read.Result : null;
    }

    private async Task<bool> WithinTimeoutAsync(Task call, object what, CancellationToken cancellationToken)
    {
        try
        {
            await call.WaitAsync(_options.ClientProbeTimeout, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            if (!call.IsCompleted)
            {
                // Timed out: the call itself ends later (Orleans' response timeout); its outcome no longer matters.
                _ = call.ContinueWith(static done => done.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }

            _logger.LogDebug(exception, "The {Peer} did not answer a probe.", what);
            return false;
        }
    }

    private void CountMisses(Probe[] probes)
    {
        // Counts of peers no longer probed (no relation left) are dropped: a later relation starts afresh.
        foreach (RelationPeer gone in _missed.Keys.Except(probes.Select(probe => probe.Peer)).ToArray())
        {
            _missed.Remove(gone);
        }

        foreach ((RelationPeer peer, Answer answer) in probes)
        {
            if (answer == Answer.Alive)
            {
                _missed.Remove(peer);
                continue;
            }

            if (answer == Answer.Missed)
            {
                int missed = _missed.GetValueOrDefault(peer) + 1;
                if (missed < _options.ClientMissedProbesLimit)
                {
                    _missed[peer] = missed;
                    continue;
                }

                _logger.LogWarning("The {Peer} missed {Missed} probes in a row: declaring it lost.", peer, missed);
            }
            else
            {
                _logger.LogWarning("The cluster's membership table lists the {Peer} as dead: declaring it lost.", peer);
            }

            _missed.Remove(peer);
            if (peer is SiloPeer silo && answer == Answer.Gone)
            {
                // Only membership's verdict is final for every reference to the silo's actors; missed probes (this
                // client's gateway flapping, the table unreadable for a while) end the relations alone.
                _siloLost(silo.Silo);
            }
            else
            {
                _relations.OnLost(peer);
            }
        }
    }
}
