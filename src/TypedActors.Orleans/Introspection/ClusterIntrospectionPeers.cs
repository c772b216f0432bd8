using Orleans.Runtime;
using TypedActors.Introspection;

namespace TypedActors.Orleans.Introspection;

/// <summary>
/// The silos of the cluster as introspection tools see them: the active members of Orleans' membership, named by their
/// silo address, each reached through its <see cref="ClusterIntrospectionService"/>.
/// </summary>
internal sealed class ClusterIntrospectionPeers(IClusterMembershipService membership, ClusterIntrospectionClient client, SiloAddress local)
    : IIntrospectionPeers
{
    public string LocalName { get; } = local.ToParsableString();

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. ActiveSilos().Select(silo => silo.ToParsableString()).Order(StringComparer.Ordinal)]);

    public async Task<byte[]> AskAsync(string peer, byte[] query, CancellationToken cancellationToken)
    {
        SiloAddress? silo = ActiveSilos().FirstOrDefault(silo => silo.ToParsableString() == peer)
            ?? throw new IntrospectionUnavailableException($"'{peer}' is not an active silo of the cluster.");
        byte[]? answer;
        try
        {
            answer = await client.On(silo).Ask(query).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new IntrospectionUnavailableException($"The silo '{peer}' could not be asked: {exception.Message}", exception);
        }

        return answer ?? throw new IntrospectionUnavailableException($"No introspection tool (observer) answers on the silo '{peer}'.");
    }

    private IEnumerable<SiloAddress> ActiveSilos() =>
        membership.CurrentSnapshot.Members.Values.Where(member => member.Status == SiloStatus.Active).Select(member => member.SiloAddress);
}
