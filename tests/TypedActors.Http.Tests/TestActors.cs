using TypedActors;

namespace TypedActors.Http.Tests;

[ActorMessage]
public sealed record CreateCounter(int Start);

public sealed record Increment(int By = 1);
public sealed record GetCount;
public sealed record Hang;
public sealed record Quit;
public sealed record Fail;

/// <summary>A counter with a creation message, a tell, asks, a handler that never replies and one that fails.</summary>
public partial class Counter : Actor
{
    [State] private int _count;
    [State] private readonly List<int> _history = [];
    private readonly string _secret = "hidden";
    [State] private readonly Func<int, int> _twice = x => x * 2;

    [NotState] public string Token { get; } = "t0ken";

    public Counter(int start) => _count = start;

    [Receive] void On(Increment m)
    {
        _count = unchecked(_count + m.By);
        if (_history.Count < 8)
        {
            _history.Add(m.By);
        }
    }

    [Receive] int On(GetCount _) => _count + (_secret.Length * 0) + (_twice(0) * 0) + (Token.Length * 0);

    [Receive]
    async Task<int> On(Hang _, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        return _count;
    }

    [Receive] bool On(Quit _)
    {
        Stop();
        return true;
    }

    [Receive] int On(Fail _) => throw new InvalidOperationException("secret server detail");
}

public sealed record Line(string Sku, int Quantity);
public sealed record Order(string Customer, List<Line> Lines);
public sealed record OrderTotal(string Customer, int Items);

/// <summary>Takes nested messages, so field paths and depth limits can be tested.</summary>
public partial class Shop : Actor
{
    [State] private int _orders;

    [Receive] OrderTotal On(Order order)
    {
        _orders++;
        return new OrderTotal(order.Customer, order.Lines?.Sum(l => l.Quantity) ?? 0);
    }
}

public sealed record Move(int Amount);

/// <summary>
/// Keeps two fields equal, but moves them in two steps with an await in between: a snapshot taken outside the actor's
/// turn could see them differ; one taken inside never does.
/// </summary>
public partial class Pair : Actor
{
    [State] private int _left;
    [State] private int _right;

    [Receive]
    async Task On(Move m)
    {
        _left += m.Amount;
        await Task.Yield();
        _right += m.Amount;
    }
}

public sealed record Put<TKey, TValue>(TKey Key, TValue Value);
public sealed record Get<TKey>(TKey Key);

/// <summary>A generic actor, exposed closed as <c>Cache&lt;string, int&gt;</c>: its kind is one closing of the class.</summary>
public partial class Cache<TKey, TValue> : Actor
    where TKey : notnull
{
    [State] private readonly Dictionary<TKey, TValue> _items = [];

    [Receive] void On(Put<TKey, TValue> put) => _items[put.Key] = put.Value;

    [Receive] TValue? On(Get<TKey> get) => _items.TryGetValue(get.Key, out TValue? value) ? value : default;
}
