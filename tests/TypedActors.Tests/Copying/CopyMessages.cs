using System.Collections.Immutable;
using TypedActors;

namespace TypedActors.Tests.Copying;

public enum Priority
{
    Low,
    High,
}

/// <summary>Proven immutable: sealed, positional, members immutable.</summary>
public sealed record Line(string Sku, int Quantity, decimal Price);

/// <summary>Mutable: settable members and mutable collections.</summary>
public sealed class Order
{
    public int Id { get; set; }

    public List<Line> Lines { get; set; } = [];

    public Dictionary<string, List<int>> Tags { get; set; } = [];

    public string? Note { get; set; }
}

/// <summary>Not provably immutable (not sealed), but asserted.</summary>
[Immutable]
public class Stamp(string text)
{
    public string Text { get; } = text;
}

/// <summary>A polymorphic base with a mutable member, handled as the base type.</summary>
public abstract record Shape
{
    public string? Label { get; set; }
}

public sealed record Circle(double Radius) : Shape;

public sealed record Polygon(List<double> Sides) : Shape;

/// <summary>A recursive, mutable type: may form cycles.</summary>
public sealed class Node
{
    public int Value { get; set; }

    public Node? Next { get; set; }
}

/// <summary>The same object twice in one message.</summary>
public sealed record Twice(Order First, Order Second);

/// <summary>A mutable struct carrying a reference.</summary>
public struct Bucket
{
    public int Count { get; set; }

    public List<string>? Items { get; set; }
}

/// <summary>Every supported shape at once.</summary>
public sealed record Everything(
    int Int,
    long Long,
    double Double,
    decimal Decimal,
    bool Bool,
    char Char,
    string? Text,
    Guid Guid,
    DateTime DateTime,
    DateTimeOffset DateTimeOffset,
    TimeSpan TimeSpan,
    Priority Priority,
    int? MaybeInt,
    Priority? MaybePriority,
    byte[]? Bytes,
    int[] Numbers,
    List<string> Names,
    HashSet<int> Set,
    Dictionary<string, Line> ByName,
    ImmutableArray<int> ImmutableNumbers,
    ImmutableList<Line> ImmutableLines,
    ImmutableDictionary<string, int> ImmutableMap,
    (int Number, string Word) Pair,
    Tuple<int, string>? OldPair,
    IReadOnlyList<Line> ReadOnlyLines,
    List<List<int>> Nested,
    Shape? Shape,
    Bucket Bucket,
    Bucket? MaybeBucket);

/// <summary>Carries actor addresses.</summary>
public sealed record Introduce(ActorRef<Capture> Capture, Address Anyone);

/// <summary>Not handled by any actor, so no copier exists for it.</summary>
public sealed record NobodyHandlesThis(List<int> Values);

public sealed record GetOrder;

/// <summary>Completes a task with every message it receives, so tests can inspect the exact instance delivered.</summary>
public partial class Capture : Actor
{
    private readonly TaskCompletionSource<object> _received;

    public Capture(TaskCompletionSource<object> received) => _received = received;

    [Receive] void On(Line m) => _received.TrySetResult(m);

    [Receive] void On(Order m) => _received.TrySetResult(m);

    [Receive] void On(Stamp m) => _received.TrySetResult(m);

    [Receive] void On(Shape m) => _received.TrySetResult(m);

    [Receive] void On(Node m) => _received.TrySetResult(m);

    [Receive] void On(Twice m) => _received.TrySetResult(m);

    [Receive] void On(Everything m) => _received.TrySetResult(m);

    [Receive] void On(Introduce m) => _received.TrySetResult(m);

    [Receive] void On(Bucket m) => _received.TrySetResult(m);
}

/// <summary>Keeps the last order it was sent, and lets its handlers mutate what they get.</summary>
public partial class OrderKeeper : Actor
{
    private Order _kept = new();

    [Receive] void Keep(Order order) => _kept = order;

#pragma warning disable TA2002 // deliberately replies with its mutable state: the test checks the reply is copied
    [Receive] Order Get(GetOrder _) => _kept;
#pragma warning restore TA2002

    /// <summary>Mutates the received message and its own state after replying with it.</summary>
    [Receive]
    List<Line> Touch(List<Line> lines)
    {
        lines.Add(new Line("added-by-receiver", 1, 1m));
        _kept.Lines.Add(new Line("kept", 1, 1m));
        return _kept.Lines;
    }
}
