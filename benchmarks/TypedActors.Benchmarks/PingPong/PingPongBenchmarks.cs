using BenchmarkDotNet.Attributes;
using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.PingPong;

/// <summary>
/// Two actors exchange <see cref="Messages"/> messages with Tell (a round trip is two messages). With one ball in
/// flight every message waits for the previous one, so this measures the latency of a hand-off between two actors;
/// with 100 in flight the mailboxes batch and it measures throughput. Times are per message.
/// </summary>
[Config(typeof(MacroBenchmarkConfig))]
public class PingPongBenchmarks
{
    public const int Messages = 1_000_000;

    private IPingPong _game = null!;

    [Params(1, 100)]
    public int InFlight { get; set; }

    [GlobalSetup(Target = nameof(TypedActors))]
    public void SetUpTypedActors() => _game = new TypedActorsPingPong();

    // Every mailbox bounded to 1,000, more than the 100 balls in flight: nothing is refused, so this measures what
    // bounding costs.
    [GlobalSetup(Target = nameof(TypedActorsBounded))]
    public void SetUpTypedActorsBounded() => _game = new TypedActorsPingPong(new ActorSystem(new ActorSystemOptions { MailboxCapacity = 1_000 }));

    [GlobalSetup(Target = nameof(AkkaNet))]
    public void SetUpAkka() => _game = new AkkaPingPong();

    [GlobalSetup(Target = nameof(ProtoActor))]
    public void SetUpProto() => _game = new ProtoPingPong();

    [GlobalSetup(Target = nameof(RawChannels))]
    public void SetUpChannels() => _game = new ChannelPingPong();

    [GlobalCleanup]
    public Task CleanUp() => _game.DisposeAsync().AsTask();

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task TypedActors() => Play();

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task TypedActorsBounded() => Play();

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task AkkaNet() => Play();

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task ProtoActor() => Play();

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public Task RawChannels() => Play();

    private Task Play()
    {
        var rally = new Rally(Messages, InFlight);
        return Deadline.Within(_game.Play(rally), $"A rally of {Messages:N0} messages with {InFlight} in flight");
    }
}
