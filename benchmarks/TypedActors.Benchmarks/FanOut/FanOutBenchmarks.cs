using BenchmarkDotNet.Attributes;
using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.FanOut;

/// <summary>
/// <see cref="Senders"/> threads outside the actor system send to <see cref="Actors"/> actors in turn until every
/// actor has received its quota. Every invocation moves <see cref="TotalMessages"/> messages: 10,000 per actor for
/// 100 actors, and 100 per actor for 10,000 actors (10,000 each would be 100 million messages, tens of seconds per
/// invocation). Times and allocations are per message.
/// </summary>
[Config(typeof(MacroBenchmarkConfig))]
public class FanOutBenchmarks
{
    public const int TotalMessages = 1_000_000;
    public const int Senders = 4;

    private readonly Rounds _rounds = new();
    private IFanOutTargets _targets = null!;

    [Params(100, 10_000)]
    public int Actors { get; set; }

    private int Quota => TotalMessages / Actors;

    [GlobalSetup(Target = nameof(TypedActors))]
    public void SetUpTypedActors() => _targets = new TypedActorsFanOut(Actors, Quota, _rounds);

    // The bound is the quota, which no backlog can exceed: nothing is refused, so this measures what bounding costs.
    [GlobalSetup(Target = nameof(TypedActorsBounded))]
    public void SetUpTypedActorsBounded() => _targets = new TypedActorsFanOut(Actors, Quota, _rounds, new MailboxOptions { Capacity = Quota });

    [GlobalSetup(Target = nameof(AkkaNet))]
    public void SetUpAkka() => _targets = new AkkaFanOut(Actors, Quota, _rounds);

    [GlobalSetup(Target = nameof(ProtoActor))]
    public void SetUpProto() => _targets = new ProtoFanOut(Actors, Quota, _rounds);

    [GlobalSetup(Target = nameof(RawChannels))]
    public void SetUpChannels() => _targets = new ChannelFanOut(Actors, Quota, _rounds);

    [GlobalCleanup]
    public Task CleanUp() => _targets.DisposeAsync().AsTask();

    [Benchmark(OperationsPerInvoke = TotalMessages)]
    public Task TypedActors() => Run();

    [Benchmark(OperationsPerInvoke = TotalMessages)]
    public Task TypedActorsBounded() => Run();

    [Benchmark(OperationsPerInvoke = TotalMessages)]
    public Task AkkaNet() => Run();

    [Benchmark(OperationsPerInvoke = TotalMessages)]
    public Task ProtoActor() => Run();

    [Benchmark(Baseline = true, OperationsPerInvoke = TotalMessages)]
    public Task RawChannels() => Run();

    private Task Run() => RunRound(_targets, _rounds, Actors);

    /// <summary>
    /// One invocation: <see cref="Senders"/> threads send to <paramref name="actors"/> targets in turn until each has
    /// its quota (<see cref="TotalMessages"/> in all), then wait until every target has signalled the round.
    /// </summary>
    public static async Task RunRound(IFanOutTargets targets, Rounds rounds, int actors)
    {
        Countdown round = rounds.Begin(actors);
        int sendRounds = TotalMessages / actors / Senders;
        var senders = new Task[Senders];
        for (int s = 0; s < senders.Length; s++)
        {
            senders[s] = Task.Run(() => SendRounds(targets, actors, sendRounds));
        }

        await Task.WhenAll(senders).ConfigureAwait(false);
        await Deadline.Within(round.Completed, $"Delivering {TotalMessages:N0} messages to {actors:N0} actors").ConfigureAwait(false);
    }

    private static void SendRounds(IFanOutTargets targets, int actors, int rounds)
    {
        for (int r = 0; r < rounds; r++)
        {
            for (int a = 0; a < actors; a++)
            {
                targets.Send(a);
            }
        }
    }
}
