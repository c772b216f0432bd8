namespace TypedActors.Tests.Messages;

public sealed class Order
{
    public List<string> Lines { get; set; } = [];
}

public sealed record Envelope<T>(T Body, int Priority);

public sealed record ReadBack;

/// <summary>Handles a value tuple, a nullable value type, an array and closed generic messages, and keeps what it got.</summary>
public partial class ShapeTaker : Actor
{
    private readonly List<string> _seen = [];
    private int[]? _lastArray;
    private Order? _lastOrder;

    [Receive] string On((int Count, string Name) pair) => $"tuple {pair.Count} {pair.Name}";
    [Receive] int On(int? maybe) => maybe.GetValueOrDefault() * 2;
    [Receive]
    int On(int[] numbers)
    {
        _lastArray = numbers;
        numbers[0] = -1; // the actor's own copy
        return numbers.Length;
    }

    [Receive]
    string On(Envelope<Order> envelope)
    {
        _lastOrder = envelope.Body;
        envelope.Body.Lines.Add("added by the actor");
        return $"order of {envelope.Body.Lines.Count} at {envelope.Priority}";
    }

    [Receive] string On(Envelope<string> envelope) => $"text {envelope.Body}";
    [Receive] void On(Envelope<(long, bool)> envelope) => _seen.Add($"{envelope.Body.Item1}/{envelope.Body.Item2}");
    [Receive] string[] On(ReadBack _) => [.. _seen, $"array {_lastArray?[0]}", $"order {_lastOrder?.Lines.Count}"];
}

/// <summary>Value tuples, nullable value types, arrays and generic message types: dispatched and copied at run time.</summary>
public sealed class MessageShapeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_value_tuple_message_reaches_its_handler()
    {
        await using var system = new ActorSystem();
        ActorRef<ShapeTaker> taker = system.Spawn<ShapeTaker>();

        Assert.Equal("tuple 3 three", await taker.Ask((3, "three"), Deadline));
    }

    [Fact]
    public async Task A_handler_of_a_nullable_value_type_receives_the_value_type()
    {
        await using var system = new ActorSystem();
        ActorRef<ShapeTaker> taker = system.Spawn<ShapeTaker>();

        Assert.Equal(42, await taker.Ask(21, Deadline));
    }

    [Fact]
    public async Task An_array_message_is_copied_so_the_sender_keeps_its_own()
    {
        await using var system = new ActorSystem();
        ActorRef<ShapeTaker> taker = system.Spawn<ShapeTaker>();
        int[] numbers = [5, 6, 7];

        Assert.Equal(3, await taker.Ask(numbers, Deadline));
        Assert.Equal([5, 6, 7], numbers);
        Assert.Contains("array -1", await taker.Ask(new ReadBack(), Deadline));
    }

    [Fact]
    public async Task Closed_generic_messages_are_dispatched_by_their_type_arguments_and_copied_deeply()
    {
        await using var system = new ActorSystem();
        ActorRef<ShapeTaker> taker = system.Spawn<ShapeTaker>();
        var order = new Order { Lines = ["apple"] };

        Assert.Equal("order of 2 at 1", await taker.Ask(new Envelope<Order>(order, 1), Deadline));
        Assert.Equal("text hi", await taker.Ask(new Envelope<string>("hi", 2), Deadline));
        taker.Tell(new Envelope<(long, bool)>((7L, true), 3));

        Assert.Equal(["apple"], order.Lines);
        Assert.Equal(["7/True", "array ", "order 2"], await taker.Ask(new ReadBack(), Deadline));
    }
}
