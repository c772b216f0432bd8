using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using TypedActors.Benchmarks.PingPong;
using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.Observer;

/// <summary>
/// What a connected observer page costs the actors it watches: the ping-pong of <see cref="PingPongBenchmarks"/> in a
/// system whose observer page is mapped, with no page connected (the observer then does nothing at all) and with a
/// page connected (an event-stream client reading every frame, the observer sampling every actor each second, the
/// default interval). The two must stay within 5% of each other.
/// </summary>
[Config(typeof(MacroBenchmarkConfig))]
public class ObservedPingPongBenchmarks
{
    private ActorSystem _system = null!;
    private WebApplication _host = null!;
    private HttpClient _client = null!;
    private CancellationTokenSource _stopReading = null!;
    private Task _reading = Task.CompletedTask;
    private IPingPong _game = null!;

    [Params(1, 100)]
    public int InFlight { get; set; }

    [Params(false, true)]
    public bool PageConnected { get; set; }

    [GlobalSetup]
    public async Task SetUp()
    {
        _system = new ActorSystem();
        _game = new TypedActorsPingPong(_system);
        (_host, _client) = await ObserverStream.StartHostAsync(_system);
        _stopReading = new CancellationTokenSource();
        if (PageConnected)
        {
            var firstFrame = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _reading = ObserverStream.ReadFramesAsync(_client, firstFrame, _stopReading.Token);
            await Deadline.Within(firstFrame.Task, "the observer's first frame");
        }
    }

    [GlobalCleanup]
    public async Task CleanUp()
    {
        await _stopReading.CancelAsync();
        await _reading;
        _client.Dispose();
        await _host.StopAsync();
        await _host.DisposeAsync();
        await _game.DisposeAsync();
    }

    [Benchmark(OperationsPerInvoke = PingPongBenchmarks.Messages)]
    public Task PingPong()
    {
        var rally = new Rally(PingPongBenchmarks.Messages, InFlight);
        return Deadline.Within(_game.Play(rally), $"A rally of {PingPongBenchmarks.Messages:N0} messages with {InFlight} in flight");
    }
}
