namespace TypedActors.Tests.Messages;

public sealed record Put<TKey, TValue>(TKey Key, TValue Value);
public sealed record Get<TKey>(TKey Key);
public sealed record Crash;

/// <summary>A generic actor: a cache whose keys and values are its type arguments.</summary>
public sealed partial class Cache<TKey, TValue> : Actor
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _items = [];

    [Receive] void On(Put<TKey, TValue> put) => _items[put.Key] = put.Value;
    [Receive] TValue? On(Get<TKey> get) => _items.TryGetValue(get.Key, out TValue? value) ? value : default;
    [Receive] void On(Crash _) => throw new InvalidOperationException("crash");
}

public sealed class GenericActorTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_closed_generic_actor_is_spawned_and_answers_typed_asks()
    {
        await using var system = new ActorSystem();
        ActorRef<Cache<string, int>> cache = system.Spawn<Cache<string, int>>();

        cache.Tell(new Put<string, int>("a", 1));
        cache.Tell(new Put<string, int>("b", 2));
        int b = await cache.Ask(new Get<string>("b"), Deadline);
        int missing = await cache.Ask(new Get<string>("z"), Deadline);

        Assert.Equal((2, 0), (b, missing));
    }

    [Fact]
    public async Task Two_closings_of_one_generic_actor_are_two_kinds_of_actor_and_copy_their_own_messages()
    {
        await using var system = new ActorSystem();
        ActorRef<Cache<int, List<string>>> lists = system.Spawn<Cache<int, List<string>>>();
        ActorRef<Cache<string, int>> counts = system.Spawn<Cache<string, int>>();
        List<string> sent = ["x"];

        lists.Tell(new Put<int, List<string>>(1, sent));
        sent.Add("changed after sending");
        counts.Tell(new Put<string, int>("x", 9));

        Assert.Equal(["x"], await lists.Ask(new Get<int>(1), Deadline));
        Assert.Equal(9, await counts.Ask(new Get<string>("x"), Deadline));
        Assert.Throws<ArgumentException>(() => ActorRef<Cache<string, int>>.From(lists.Address));
    }

    [Fact]
    public async Task A_supervised_generic_child_is_restarted_under_the_same_address_with_fresh_state()
    {
        await using var system = new ActorSystem();
        ChildSpec<Cache<string, int>> spec = ChildSpec.Of<Cache<string, int>>();
        system.Spawn(() => new Supervisor(new SupervisorOptions(), spec));
        ActorRef<Cache<string, int>> cache = spec.Ref;

        cache.Tell(new Put<string, int>("a", 1));
        cache.Tell(new Crash());
        cache.Tell(new Put<string, int>("b", 2));

        Assert.Equal(2, await cache.Ask(new Get<string>("b"), Deadline));
        Assert.Equal(0, await cache.Ask(new Get<string>("a"), Deadline)); // the restart dropped the old state
        Assert.False(cache.IsDead);
    }
}
