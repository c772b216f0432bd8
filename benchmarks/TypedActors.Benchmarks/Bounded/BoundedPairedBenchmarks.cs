using BenchmarkDotNet.Attributes;
using TypedActors.Benchmarks.FanOut;
using TypedActors.Benchmarks.PingPong;
using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.Bounded;

/// <summary>
/// What a bounded mailbox costs, as a paired comparison inside one process: the ping-pong and fan-out workloads of
/// <see cref="PingPongBenchmarks"/> and <see cref="FanOutBenchmarks"/>, each on two actor systems that live side by
/// side, one with unbounded mailboxes and one with every mailbox bounded (1,000 for ping-pong, the quota for fan-out,
/// so nothing is refused), run in alternate iterations (<see cref="PairedIterations"/>). The separate
/// <c>TypedActorsBounded</c> benchmarks compare two processes, whose speed differs by more than the 10% to resolve.
/// </summary>
[Config(typeof(Configuration))]
public class BoundedPairedBenchmarks
{
    private const int MeasuredPairs = 60;

    private readonly PairedIterations _pairs = new("bounded", "unbounded");
    private readonly Rounds _rounds = new();
    private IPingPong? _unboundedGame;
    private IPingPong? _boundedGame;
    private IFanOutTargets? _unboundedTargets;
    private IFanOutTargets? _boundedTargets;
    private bool _bounded;

    /// <summary>The workload: ping-pong with 1 or 100 messages in flight, or fan-out to 100 or 10,000 actors.</summary>
    [Params("ping-pong 1", "ping-pong 100", "fan-out 100", "fan-out 10000")]
    public string Workload { get; set; } = "";

    private bool IsPingPong => Workload.StartsWith("ping-pong", StringComparison.Ordinal);

    private int Size => int.Parse(Workload[(Workload.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    [GlobalSetup]
    public void SetUp()
    {
        if (IsPingPong)
        {
            _unboundedGame = new TypedActorsPingPong(new ActorSystem());
            _boundedGame = new TypedActorsPingPong(new ActorSystem(new ActorSystemOptions { MailboxCapacity = 1_000 }));
        }
        else
        {
            int quota = FanOutBenchmarks.TotalMessages / Size;
            _unboundedTargets = new TypedActorsFanOut(Size, quota, _rounds);
            _boundedTargets = new TypedActorsFanOut(Size, quota, _rounds, new MailboxOptions { Capacity = quota });
        }
    }

    [IterationSetup]
    public void SetUpIteration()
    {
        _bounded = _pairs.NextIsA;
        _pairs.Begin();
    }

    [Benchmark(OperationsPerInvoke = PingPongBenchmarks.Messages)]
    public Task Run()
    {
        if (IsPingPong)
        {
            var rally = new Rally(PingPongBenchmarks.Messages, Size);
            IPingPong game = _bounded ? _boundedGame! : _unboundedGame!;
            return Deadline.Within(game.Play(rally), $"A rally of {PingPongBenchmarks.Messages:N0} messages with {Size} in flight");
        }

        return FanOutBenchmarks.RunRound(_bounded ? _boundedTargets! : _unboundedTargets!, _rounds, Size);
    }

    [IterationCleanup]
    public void CleanUpIteration() => _pairs.End(PingPongBenchmarks.Messages);

    [GlobalCleanup]
    public async Task CleanUp()
    {
        Console.WriteLine(_pairs.Describe(MeasuredPairs, Workload));
        foreach (IAsyncDisposable? resource in new IAsyncDisposable?[] { _unboundedGame, _boundedGame, _unboundedTargets, _boundedTargets })
        {
            if (resource is not null)
            {
                await resource.DisposeAsync();
            }
        }
    }

    private sealed class Configuration() : PairedConfig(MeasuredPairs);
}
