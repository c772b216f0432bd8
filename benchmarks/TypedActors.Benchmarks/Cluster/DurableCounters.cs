using Orleans;
using Orleans.Runtime;

namespace TypedActors.Benchmarks.Cluster;

/// <summary>Adds one to a counter and answers with its new value.</summary>
public sealed record IncrementCounter;

/// <summary>Adds one to a counter, told: no answer.</summary>
public sealed record CountOne;

/// <summary>The event a durable counter stores for each increment.</summary>
public sealed record CounterIncremented;

/// <summary>A durable actor that stores one event per increment in its silo's PostgreSQL journal.</summary>
[Persistent]
public partial class DurableCounter : Actor
{
    private int _count;

    [Receive]
    public async Task<int> On(IncrementCounter increment)
    {
        await Persist(new CounterIncremented());
        return _count;
    }

    [Receive]
    public Task On(CountOne count) => Persist(new CounterIncremented());

    [Apply]
    private void Apply(CounterIncremented incremented) => _count++;
}

/// <summary>The baseline: a plain Orleans grain that writes its state to ADO.NET grain storage on every increment.</summary>
public interface IStoredCounterGrain : IGrainWithStringKey
{
    Task<int> Increment();
}

/// <summary>The state <see cref="StoredCounterGrain"/> writes.</summary>
[GenerateSerializer]
public sealed class StoredCounterState
{
    [Id(0)]
    public int Count { get; set; }
}

[global::Orleans.Placement.PreferLocalPlacement]
public sealed class StoredCounterGrain([PersistentState("counter", TwoSiloCluster.GrainStorage)] IPersistentState<StoredCounterState> counter)
    : Grain, IStoredCounterGrain
{
    public async Task<int> Increment()
    {
        counter.State.Count++;
        await counter.WriteStateAsync();
        return counter.State.Count;
    }
}
