using BenchmarkDotNet.Attributes;

namespace TypedActors.Benchmarks.SelectiveReceive;

/// <summary>
/// A selective receive whose match is queued behind N messages it does not want: the actor sends itself N noise
/// messages and then the one it waits for, and <c>Receive</c> has to skip the noise (which stays queued, in order, for
/// normal dispatch afterwards). The baseline does the same sends but lets the match arrive through normal dispatch,
/// so the difference is what skipping costs as N grows (1, 100, 10,000). Akka.NET and Proto.Actor have no selective
/// receive (their closest tool, stashing, is a different pattern), so only TypedActors runs here.
/// </summary>
public class SelectiveReceiveBenchmarks
{
    private ActorSystem _system = null!;
    private ActorRef<Picker> _picker;

    [Params(1, 100, 10_000)]
    public int Queued { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _system = new ActorSystem();
        _picker = _system.Spawn<Picker>();
    }

    [GlobalCleanup]
    public ValueTask CleanUp() => _system.DisposeAsync();

    [Benchmark]
    public Task<int> ReceiveBehindQueuedMessages() => _picker.Ask(new PickBehind(Queued));

    [Benchmark(Baseline = true)]
    public Task<int> SameMessagesInOrder() => _picker.Ask(new SendInOrder(Queued));
}

public sealed record PickBehind(int Noise);
public sealed record SendInOrder(int Noise);
public sealed record Noise;
public sealed record Wanted;

/// <summary>
/// Both handlers send the same N + 1 messages to the actor itself; one then takes the last of them with a selective
/// receive. The noise is handled after the handler returns, so each ask also waits for the previous round's noise:
/// the same work in both variants.
/// </summary>
public partial class Picker : Actor
{
    private int _handled;

    [Receive]
    async Task<int> On(PickBehind pick)
    {
        SendNoiseThenWanted(pick.Noise);
        await Receive<Wanted>();
        return _handled;
    }

    [Receive]
    int On(SendInOrder send)
    {
        SendNoiseThenWanted(send.Noise);
        return _handled;
    }

    [Receive] void On(Noise _) => _handled++;

    [Receive] void On(Wanted _) => _handled++;

    private void SendNoiseThenWanted(int noise)
    {
        for (int i = 0; i < noise; i++)
        {
            Self.Tell(new Noise());
        }

        Self.Tell(new Wanted());
    }
}
