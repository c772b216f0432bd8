using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using TypedActors.Benchmarks.PingPong;
using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.Observer;

/// <summary>
/// The observer page's cost as a paired comparison inside one process: the ping-pong of
/// <see cref="ObservedPingPongBenchmarks"/>, with the page connected in every other iteration
/// (<see cref="PairedIterations"/>), so that each pair of neighbouring iterations compares the two cases under the same
/// process, thread placement and machine state. <see cref="ObservedPingPongBenchmarks"/> compares two processes, and a
/// ping-pong's speed differs from one process to the next by more than the 5% it is meant to resolve.
/// </summary>
/// <remarks>
/// The page samples every 100 ms, ten times as often as its default, and an iteration (5,000,000 messages) spans several
/// samples. An iteration with the page off starts only once the observer has stopped sampling. BenchmarkDotNet runs and
/// times the iterations as usual (its mean mixes both cases); the benchmark also times each iteration itself and, at the
/// end, prints the ratio of every pair: their geometric mean with a 95% confidence interval, and their median.
/// </remarks>
[Config(typeof(Configuration))]
public class ObserverPairedBenchmarks
{
    private const int Messages = 5_000_000;
    private const int MeasuredPairs = 100;

    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);

    private readonly PairedIterations _pairs = new("page on", "page off");
    private ActorSystem _system = null!;
    private WebApplication _host = null!;
    private HttpClient _client = null!;
    private CancellationTokenSource? _stopReading;
    private Task _reading = Task.CompletedTask;
    private IPingPong _game = null!;
    private bool _connected;

    [Params(1, 100)]
    public int InFlight { get; set; }

    [GlobalSetup]
    public async Task SetUp()
    {
        _system = new ActorSystem();
        _game = new TypedActorsPingPong(_system);
        (_host, _client) = await ObserverStream.StartHostAsync(_system, options => options.SampleInterval = SampleInterval);
    }

    [IterationSetup]
    public void SetUpIteration()
    {
        bool connect = _pairs.NextIsA;
        if (connect != _connected)
        {
            (connect ? ConnectAsync() : DisconnectAsync()).GetAwaiter().GetResult();
            _connected = connect;
        }

        _pairs.Begin();
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task PingPong()
    {
        var rally = new Rally(Messages, InFlight);
        return Deadline.Within(_game.Play(rally), $"A rally of {Messages:N0} messages with {InFlight} in flight");
    }

    [IterationCleanup]
    public void CleanUpIteration()
    {
        _pairs.End(Messages);
    }

    [GlobalCleanup]
    public async Task CleanUp()
    {
        Console.WriteLine(_pairs.Describe(MeasuredPairs, $"ping-pong, {InFlight} in flight"));
        await DisconnectAsync();
        _client.Dispose();
        await _host.StopAsync();
        await _host.DisposeAsync();
        await _game.DisposeAsync();
    }

    private async Task ConnectAsync()
    {
        _stopReading = new CancellationTokenSource();
        var firstFrame = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _reading = ObserverStream.ReadFramesAsync(_client, firstFrame, _stopReading.Token);
        await Deadline.Within(firstFrame.Task, "the observer's first frame");
    }

    private async Task DisconnectAsync()
    {
        if (_stopReading is null)
        {
            return;
        }

        await _stopReading.CancelAsync();
        await _reading;
        _stopReading.Dispose();
        _stopReading = null;

        // The server notices the closed stream and stops sampling; the next iteration must not overlap with it.
        await Deadline.Within(ObserverStream.WaitUntilIdleAsync(_system), "the observer stopping after its page disconnected");
    }

    private sealed class Configuration() : PairedConfig(MeasuredPairs);
}
