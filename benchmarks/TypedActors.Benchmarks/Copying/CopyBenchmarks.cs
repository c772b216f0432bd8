using BenchmarkDotNet.Attributes;
using MessagePack;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace TypedActors.Benchmarks.Copying;

/// <summary>
/// Copy-on-send: what it costs to give the receiver its own copy of a message. Each copier is one benchmark method,
/// run for each message type below; the hand-written copy is the floor.
/// </summary>
[GenericTypeArguments(typeof(OrderPlaced))]
[GenericTypeArguments(typeof(PriceQuoted))]
public class CopyBenchmarks<TMessage>
    where TMessage : class, ICopySample<TMessage>
{
    private readonly TMessage _message = TMessage.CreateSample();
    private ServiceProvider _orleansServices = null!;
    private DeepCopier<TMessage> _orleansCopier = null!;

    [GlobalSetup]
    public void SetUp()
    {
        _orleansServices = new ServiceCollection()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(TMessage).Assembly))
            .BuildServiceProvider();
        _orleansCopier = _orleansServices.GetRequiredService<DeepCopier<TMessage>>();
    }

    [GlobalCleanup]
    public void CleanUp() => _orleansServices.Dispose();

    [Benchmark(Baseline = true)]
    public TMessage HandWritten() => _message.CopyByHand();

    /// <summary>
    /// TypedActors' generated copier, as a typed Tell runs it: a deep copy of the mutable message, the same instance for
    /// the record its proof finds immutable.
    /// </summary>
    [Benchmark]
    public TMessage TypedActorsCopier() => global::TypedActors.Copying.Copier<TMessage>.Copy(_message);

    /// <summary>Orleans' source-generated deep copier, as Orleans copies every grain call argument.</summary>
    [Benchmark]
    public TMessage OrleansDeepCopier() => _orleansCopier.Copy(_message);

    /// <summary>Serialize and deserialize with MessagePack's attribute-based (dynamic) resolver.</summary>
    [Benchmark]
    public TMessage MessagePackRoundTrip() => MessagePackSerializer.Deserialize<TMessage>(MessagePackSerializer.Serialize(_message));
}
