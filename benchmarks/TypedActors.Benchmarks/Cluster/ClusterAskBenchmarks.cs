using BenchmarkDotNet.Attributes;
using Orleans;

namespace TypedActors.Benchmarks.Cluster;

/// <summary>
/// Ask latency on an Orleans cluster of two in-process silos talking over loopback: a TypedActors ask from silo 0 to an
/// actor on silo 1; a plain Orleans grain call from silo 0 to a grain on silo 1 with the same payload (the baseline);
/// the same call to a grain on silo 0; a grain call carrying 40 bytes each way, as the envelope does, with nothing
/// behind it; a TypedActors ask to an actor on the same silo through its grain; and a local ask.
/// </summary>
public class ClusterAskBenchmarks : ClusterBenchmarkBase
{
    private readonly byte[] _payload = new byte[40];
    private ActorRef<ClusterEcho> _sameSiloActor;
    private IClusterEchoGrain _nearGrain = null!;
    private IEnvelopeShapeGrain _remoteEnvelope = null!;

    protected override async Task SetUpMoreAsync()
    {
        _sameSiloActor = await Cluster.EchoActorOn(0, "near");
        _nearGrain = await Cluster.GrainOn<IClusterEchoGrain>(0, "near", grain => grain.Echo(new ClusterPing(0)));
        _remoteEnvelope = await Cluster.GrainOn<IEnvelopeShapeGrain>(1, "remote", grain => grain.Ask(_payload));
    }

    [Benchmark(Baseline = true)]
    public Task<ClusterPing> OrleansGrainCallCrossSilo() => RemoteGrain.Echo(new ClusterPing(42));

    [Benchmark]
    public Task<ClusterPing> OrleansGrainCallSameSilo() => _nearGrain.Echo(new ClusterPing(42));

    [Benchmark]
    public Task<byte[]> OrleansBytesCallCrossSilo() => _remoteEnvelope.Ask(_payload);

    [Benchmark]
    public Task<ClusterPing> TypedActorsAskCrossSilo() => RemoteActor.Ask(new ClusterPing(42));

    [Benchmark]
    public Task<ClusterPing> TypedActorsAskSameSilo() => _sameSiloActor.Ask(new ClusterPing(42));

    [Benchmark]
    public Task<ClusterPing> TypedActorsAskLocal() => LocalActor.Ask(new ClusterPing(42));
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
