using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace TypedActors.Orleans;

/// <summary>
/// Follows cluster membership so that references to actors of a silo are dead and links and monitors with them end
/// with NoConnection once Orleans declares that silo dead (see <see cref="ClusterNode.OnSiloLost"/>), and runs the <see cref="PeerProber"/> that does the same for lost clients (and, on a client,
/// for lost silos); closes the
/// node endpoint when the host stops.
/// </summary>
internal sealed class ClusterNodeService(ClusterNode node, IClusterMembershipService? membership) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;
    private Task _probing = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (membership is not null)
        {
            _watching = Task.Run(() => WatchAsync(membership, _stopping.Token), CancellationToken.None);
        }

        _probing = Task.Run(() => node.Prober.RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        node.Leave(); // before the actor system stops its actors (hosted services stop in reverse order)
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_watching, _probing).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's stop timeout passed first; both loops end on their own once cancelled.
        }

        node.Close();
        _stopping.Dispose();
    }

    private async Task WatchAsync(IClusterMembershipService service, CancellationToken cancellationToken)
    {
        var dead = new HashSet<SiloAddress>();
        try
        {
            await foreach (ClusterMembershipSnapshot snapshot in service.MembershipUpdates.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                foreach (ClusterMember member in snapshot.Members.Values)
                {
                    if (member.Status == SiloStatus.Dead && dead.Add(member.SiloAddress))
                    {
                        node.OnSiloLost(member.SiloAddress);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        catch (Exception exception)
        {
            node.Logger.LogError(exception, "Following cluster membership failed; silo loss will no longer end links and monitors.");
        }
    }
}
