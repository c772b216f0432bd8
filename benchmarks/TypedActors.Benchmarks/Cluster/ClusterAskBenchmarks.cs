using BenchmarkDotNet.Attributes;
using Orleans;

namespace TypedActors.Benchmarks.Cluster;

/// <summary>
/// Ask latency on an Orleans cluster of two in-process silos talking over loopback: a TypedActors ask from silo 0 to an
/// actor on silo 1; a plain Orleans grain call from silo 0 to a grain on silo 1 with the same payload (the baseline);
/// the same call to a grain on silo 0; a grain call carrying 40 bytes each way, as the envelope does, with nothing
/// behind it; a TypedActors ask to an actor on the same silo through its grain; and a local ask.
/// </summary>
public class ClusterAskBenchmarks
{
    private readonly byte[] _payload = new byte[40];
    private TwoSiloCluster _cluster = null!;
    private ActorRef<ClusterEcho> _remoteActor;
    private ActorRef<ClusterEcho> _sameSiloActor;
    private IClusterEchoGrain _remoteGrain = null!;
    private IClusterEchoGrain _nearGrain = null!;
    private IEnvelopeShapeGrain _remoteEnvelope = null!;
    private ActorSystem _local = null!;
    private ActorRef<ClusterEcho> _localActor;

    [GlobalSetup]
    public async Task SetUp()
    {
        _cluster = await TwoSiloCluster.StartAsync();
        _remoteActor = await _cluster.EchoActorOn(1, "remote");
        _sameSiloActor = await _cluster.EchoActorOn(0, "near");
        _remoteGrain = await _cluster.GrainOn<IClusterEchoGrain>(1, "remote", grain => grain.Echo(new ClusterPing(0)));
        _nearGrain = await _cluster.GrainOn<IClusterEchoGrain>(0, "near", grain => grain.Echo(new ClusterPing(0)));
        _remoteEnvelope = await _cluster.GrainOn<IEnvelopeShapeGrain>(1, "remote", grain => grain.Ask(_payload));
        _local = new ActorSystem();
        _localActor = _local.Spawn<ClusterEcho>();
    }

    [GlobalCleanup]
    public async Task CleanUp()
    {
        await _local.DisposeAsync();
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
/// A grain with the shape of TypedActors' envelope grain (immutable bytes in, immutable bytes out) and no actor behind
/// it: the part of an ask's cost that is Orleans carrying the envelope.
/// </summary>
public interface IEnvelopeShapeGrain : IGrainWithStringKey
{
    [return: global::Orleans.Immutable]
    Task<byte[]> Ask([global::Orleans.Immutable] byte[] envelope);
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
