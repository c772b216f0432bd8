using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.TestingHost;
using TypedActors.Orleans;

namespace TypedActors.Benchmarks.Cluster;

/// <summary>
/// Ask latency on an Orleans cluster of two in-process silos talking over loopback: a TypedActors ask from silo 0 to an
/// actor on silo 1; a plain Orleans grain call from silo 0 to a grain on silo 1 with the same payload (the baseline);
/// the same call to a grain on silo 0; a grain call carrying 40 bytes each way, as the envelope does, with nothing
/// behind it; a TypedActors ask to an actor on the same silo through its grain; and a local ask.
/// </summary>
public class ClusterAskBenchmarks
{
    private TestCluster _cluster = null!;
    private ActorRef<ClusterEcho> _remoteActor;
    private ActorRef<ClusterEcho> _sameSiloActor;
    private IClusterEchoGrain _remoteGrain = null!;
    private IClusterEchoGrain _nearGrain = null!;
    private IEnvelopeShapeGrain _remoteEnvelope = null!;
    private readonly byte[] _payload = new byte[40];
    private ActorSystem _local = null!;
    private ActorRef<ClusterEcho> _localActor;

    [GlobalSetup]
    public async Task SetUp()
    {
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();

        ClusterActorSystem silo0 = SystemOf(0), silo1 = SystemOf(1);
        await silo1.SpawnOrGetAsync<ClusterEcho>("remote");                 // placed on silo 1 (prefer local)
        _remoteActor = await silo0.SpawnOrGetAsync<ClusterEcho>("remote");  // silo 0's reference to it
        _sameSiloActor = await silo0.SpawnOrGetAsync<ClusterEcho>("near");  // placed on silo 0

        IGrainFactory grains1 = ServicesOf(1).GetRequiredService<IGrainFactory>();
        await grains1.GetGrain<IClusterEchoGrain>("remote").Echo(new ClusterPing(0)); // activates it on silo 1
        _remoteGrain = ServicesOf(0).GetRequiredService<IGrainFactory>().GetGrain<IClusterEchoGrain>("remote");
        _nearGrain = ServicesOf(0).GetRequiredService<IGrainFactory>().GetGrain<IClusterEchoGrain>("near");
        await _nearGrain.Echo(new ClusterPing(0)); // activates it on silo 0
        await grains1.GetGrain<IEnvelopeShapeGrain>("remote").Ask(_payload);
        _remoteEnvelope = ServicesOf(0).GetRequiredService<IGrainFactory>().GetGrain<IEnvelopeShapeGrain>("remote");

        _local = new ActorSystem();
        _localActor = _local.Spawn<ClusterEcho>();
    }

    [GlobalCleanup]
    public async Task CleanUp()
    {
        await _local.DisposeAsync();
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<ClusterPing> OrleansGrainCallCrossSilo() => _remoteGrain.Echo(new ClusterPing(42));

    [Benchmark]
    public Task<ClusterPing> OrleansGrainCallSameSilo() => _nearGrain.Echo(new ClusterPing(42));

    [Benchmark]
    public Task<byte[]> OrleansBytesCallCrossSilo() => _remoteEnvelope.Ask(_payload);

    [Benchmark]
    public Task<ClusterPing> TypedActorsAskCrossSilo() => _remoteActor.Ask(new ClusterPing(42));

    [Benchmark]
    public Task<ClusterPing> TypedActorsAskSameSilo() => _sameSiloActor.Ask(new ClusterPing(42));

    [Benchmark]
    public Task<ClusterPing> TypedActorsAskLocal() => _localActor.Ask(new ClusterPing(42));

    private IServiceProvider ServicesOf(int silo) => ((InProcessSiloHandle)_cluster.Silos[silo]).SiloHost.Services;

    private ClusterActorSystem SystemOf(int silo) => ServicesOf(silo).GetRequiredService<ClusterActorSystem>();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddTypedActors(actors =>
        {
            actors.Register<ClusterEcho>();
            actors.Placement = ActorPlacement.PreferLocal;
        });
    }
}

/// <summary>The payload of both paths: one int.</summary>
[GenerateSerializer]
public sealed record ClusterPing([property: Id(0)] int Value);

/// <summary>A plain Orleans grain that echoes, the baseline of a cross-silo call.</summary>
public interface IClusterEchoGrain : IGrainWithStringKey
{
    Task<ClusterPing> Echo(ClusterPing ping);
}

[global::Orleans.Placement.PreferLocalPlacement]
public sealed class ClusterEchoGrain : Grain, IClusterEchoGrain
{
    public Task<ClusterPing> Echo(ClusterPing ping) => Task.FromResult(ping);
}

/// <summary>
/// A grain with the shape of TypedActors' envelope grain (bytes in, bytes out) and no actor behind it: the part of an
/// ask's cost that is Orleans carrying the envelope.
/// </summary>
public interface IEnvelopeShapeGrain : IGrainWithStringKey
{
    Task<byte[]> Ask(byte[] envelope);
}

[global::Orleans.Placement.PreferLocalPlacement]
public sealed class EnvelopeShapeGrain : Grain, IEnvelopeShapeGrain
{
    public Task<byte[]> Ask(byte[] envelope) => Task.FromResult(envelope);
}

public partial class ClusterEcho : Actor
{
    [Receive] ClusterPing On(ClusterPing ping) => ping;
}
