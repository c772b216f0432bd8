using TypedActors;

namespace Gateway;

/// <summary>The body of <c>PUT /actors/counters/{id}</c>: where the counter starts.</summary>
[ActorMessage]
public sealed record CreateCounter(long Start);

public sealed record Increment(long By);
public sealed record GetCount;
public sealed record Reset;

/// <summary>A counter: increments are told (202), the count is asked (200 with the reply).</summary>
public partial class Counter : Actor
{
    [State] private long _count; // private state a GET shows because it is marked [State]
    [State] private long _increments;

    public Counter(long start) => _count = start;

    [Receive] void On(Increment m)
    {
        _count += m.By;
        _increments++;
    }

    [Receive] long On(GetCount _) => _count;

    [Receive] void On(Reset _) => _count = 0;
}
