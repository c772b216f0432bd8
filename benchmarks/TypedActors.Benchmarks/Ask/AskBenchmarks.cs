using BenchmarkDotNet.Attributes;
using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.Ask;

/// <summary>
/// One request/reply round trip from outside the actor system, awaited before the next one starts: the latency of an
/// ask and what it allocates (request envelope, reply task, timeout registration).
/// </summary>
public class AskBenchmarks
{
    private IEcho _echo = null!;

    [GlobalSetup(Target = nameof(TypedActors))]
    public void SetUpTypedActors() => _echo = new TypedActorsEcho();

    [GlobalSetup(Target = nameof(AkkaNet))]
    public void SetUpAkka() => _echo = new AkkaEcho();

    [GlobalSetup(Target = nameof(ProtoActor))]
    public void SetUpProto() => _echo = new ProtoEcho();

    [GlobalSetup(Target = nameof(RawChannel))]
    public void SetUpChannel() => _echo = new ChannelEcho();

    [GlobalCleanup]
    public Task CleanUp() => _echo.DisposeAsync().AsTask();

    [Benchmark]
    public Task<Token> TypedActors() => _echo.Ask();

    [Benchmark]
    public Task<Token> AkkaNet() => _echo.Ask();

    [Benchmark]
    public Task<Token> ProtoActor() => _echo.Ask();

    [Benchmark(Baseline = true)]
    public Task<Token> RawChannel() => _echo.Ask();
}
