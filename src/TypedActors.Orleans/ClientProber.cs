using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace TypedActors.Orleans;

/// <summary>
/// Detects the loss of Orleans clients whose actors this process has links or monitors with. Cluster membership only
/// covers silos, so every <see cref="ClusterActorsOptions.ClientProbeInterval"/> each such client's node endpoint is
/// pinged; a client that misses <see cref="ClusterActorsOptions.ClientMissedProbesLimit"/> probes in a row (the call
/// fails, or takes longer than <see cref="ClusterActorsOptions.ClientProbeTimeout"/>) is declared lost, which ends its
/// relations as <see cref="RelationTracker.OnLost"/> does for a dead silo. While no client relation exists the prober
/// waits without a timer, so it costs nothing.
/// </summary>
internal sealed class ClientProber
{
    private readonly RelationTracker _relations;
    private readonly Func<GrainId, Task> _ping;
    private readonly ClusterActorsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<ClientPeer, int> _missed = [];

    // One pending wake-up is enough: the loop reads the current clients every time it wakes.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <param name="relations">The relations whose clients are probed, and ended when a client is lost.</param>
    /// <param name="ping">Pings the node endpoint with this grain id.</param>
    /// <param name="options">Probe interval, timeout and missed-probe limit.</param>
    /// <param name="time">The clock for the interval and the timeout.</param>
    /// <param name="logger">Where missed probes and lost clients are logged.</param>
    public ClientProber(RelationTracker relations, Func<GrainId, Task> ping, ClusterActorsOptions options, TimeProvider time, ILogger logger)
    {
        _relations = relations;
        _ping = ping;
        _options = options;
        _time = time;
        _logger = logger;
        relations.ClientAdded += () => _wake.Writer.TryWrite(true);
    }

    /// <summary>Probes until <paramref name="cancellationToken"/> is cancelled (the host stops).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                IReadOnlyList<ClientPeer> clients = _relations.Clients();
                if (clients.Count == 0)
                {
                    _missed.Clear();
                    await _wake.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                bool[] answered = await Task.WhenAll(clients.Select(client => ProbeAsync(client, cancellationToken))).ConfigureAwait(false);
                try
                {
                    CountMisses(clients, answered);
                }
                catch (Exception exception)
                {
                    // Keep probing: one failure must not leave every other client's loss unnoticed.
                    _logger.LogError(exception, "Ending the relations of a lost client failed.");
                }

                await Task.Delay(_options.ClientProbeInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task<bool> ProbeAsync(ClientPeer client, CancellationToken cancellationToken)
    {
        Task ping = Task.CompletedTask;
        try
        {
            ping = _ping(client.Endpoint);
            await ping.WaitAsync(_options.ClientProbeTimeout, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            if (!ping.IsCompleted)
            {
                // Timed out: the call itself ends later (Orleans' response timeout); its outcome no longer matters.
                _ = ping.ContinueWith(static done => done.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }

            _logger.LogDebug(exception, "The {Client} did not answer a probe.", client);
            return false;
        }
    }

    private void CountMisses(IReadOnlyList<ClientPeer> clients, bool[] answered)
    {
        // Counts of clients no longer probed (no relation left) are dropped: a later relation starts afresh.
        foreach (ClientPeer gone in _missed.Keys.Except(clients).ToArray())
        {
            _missed.Remove(gone);
        }

        for (int i = 0; i < clients.Count; i++)
        {
            ClientPeer client = clients[i];
            if (answered[i])
            {
                _missed.Remove(client);
                continue;
            }

            int missed = _missed.GetValueOrDefault(client) + 1;
            if (missed < _options.ClientMissedProbesLimit)
            {
                _missed[client] = missed;
                continue;
            }

            _missed.Remove(client);
            _logger.LogWarning("The {Client} missed {Missed} probes in a row: declaring it lost.", client, missed);
            _relations.OnLost(client);
        }
    }
}
