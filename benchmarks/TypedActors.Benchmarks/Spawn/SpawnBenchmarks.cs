using BenchmarkDotNet.Attributes;
using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.Spawn;

/// <summary>
/// Spawns <see cref="Actors"/> top-level actors from outside the system, tells each one message on which it stops
/// itself, and waits until every one has run its stop hook: the whole life of an actor, per actor. There is no raw
/// baseline: without an actor runtime there is nothing to spawn.
/// </summary>
[Config(typeof(MacroBenchmarkConfig))]
public class SpawnBenchmarks
{
    public const int Actors = 100_000;

    private IActorPopulation _population = null!;

    [GlobalSetup(Target = nameof(TypedActors))]
    public void SetUpTypedActors() => _population = new TypedActorsPopulation();

    [GlobalSetup(Target = nameof(AkkaNet))]
    public void SetUpAkka() => _population = new AkkaPopulation();

    [GlobalSetup(Target = nameof(ProtoActor))]
    public void SetUpProto() => _population = new ProtoPopulation();

    [GlobalCleanup]
    public Task CleanUp() => _population.DisposeAsync().AsTask();

    [Benchmark(OperationsPerInvoke = Actors)]
    public Task TypedActors() => SpawnAndStop();

    [Benchmark(OperationsPerInvoke = Actors)]
    public Task AkkaNet() => SpawnAndStop();

    [Benchmark(OperationsPerInvoke = Actors)]
    public Task ProtoActor() => SpawnAndStop();

    private Task SpawnAndStop()
    {
        var stopped = new Countdown(Actors);
        _population.SpawnAndStop(Actors, stopped);
        return Deadline.Within(stopped.Completed, $"Spawning and stopping {Actors:N0} actors");
    }
}
