using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;
using Orleans.Runtime.Services;

namespace TypedActors.Orleans.Introspection;

/// <summary>
/// The grain service that answers introspection queries on each silo. Orleans starts one on every silo and routes a
/// call to the silo it names, which is what a page showing every silo needs; grains would go wherever placement puts
/// them. Reentrant, and the responder runs on the thread pool: a state snapshot or a kill waits for an actor, and must
/// hold up neither this service nor other queries.
/// </summary>
[Reentrant]
internal sealed class ClusterIntrospectionService(GrainId id, Silo silo, ILoggerFactory loggerFactory, ActorSystem system)
    : GrainService(id, silo, loggerFactory), IClusterIntrospectionService
{
    public Task<byte[]?> Ask(byte[] query) =>
        system.Introspection.Responder is { } responder
            ? Task.Run<byte[]?>(async () => await responder(query, CancellationToken.None))
            : Task.FromResult<byte[]?>(null);
}

/// <summary>Reaches the <see cref="ClusterIntrospectionService"/> of a given silo.</summary>
internal sealed class ClusterIntrospectionClient(IServiceProvider services) : GrainServiceClient<IClusterIntrospectionService>(services)
{
    public IClusterIntrospectionService On(SiloAddress silo) => GetGrainService(silo);
}
