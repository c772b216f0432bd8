using System.Collections.Concurrent;

namespace TypedActors.Tests;

public sealed record A;
public sealed record B;
public sealed record C;
public sealed record Begin;
public sealed record GetLog;
public sealed record WaitFor(int Id, int TimeoutMs);
public sealed record Item(int Id);
public sealed record Result(int Id);
public sealed record Cancel(string Why);
public sealed record AwaitReplyOrCancel;
public sealed record Request(int Id, ActorRef<Client> ReplyTo);
public sealed record Response(int Id, int Value);
public sealed record RunRequests(ActorRef<Server> Server, int Count);
public sealed record ReceiveFromAnotherThread;

/// <summary>Logs what it receives and how.</summary>
public partial class Selector : Actor
{
    private readonly List<string> _log = [];

    [Receive]
    async Task On(Begin _)
    {
        A a = await Receive<A>(timeout: TimeSpan.FromSeconds(20));
        _log.Add($"received {a.GetType().Name}");
    }

    [Receive] void On(A _) => _log.Add("A");
    [Receive] void On(B _) => _log.Add("B");
    [Receive] void On(C _) => _log.Add("C");
    [Receive] void On(Item item) => _log.Add($"item {item.Id}");
    [Receive] void On(Cancel cancel) => _log.Add($"cancel {cancel.Why}");
    [Receive] void On(Result result) => _log.Add($"result {result.Id}");

    [Receive] string[] On(GetLog _) => [.. _log];

    [Receive]
    async Task<string> On(WaitFor wait)
    {
        try
        {
            Item item = await Receive<Item>(i => i.Id == wait.Id, TimeSpan.FromMilliseconds(wait.TimeoutMs));
            return $"got {item.Id}";
        }
        catch (TimeoutException)
        {
            return "timed out";
        }
    }

    [Receive]
    async Task<string> On(AwaitReplyOrCancel _)
    {
        Received<Result, Cancel> outcome = await Receive<Result, Cancel>(timeout: TimeSpan.FromSeconds(20));
        return outcome.Match(r => $"result {r.Id}", c => $"cancelled: {c.Why}");
    }

    [Receive]
    async Task<string> On(ReceiveFromAnotherThread _)
    {
        try
        {
#pragma warning disable TA2003 // deliberately calls Receive off the actor's turn: the runtime must refuse it
            await Task.Run(() => Receive<A>());
#pragma warning restore TA2003
            return "no error";
        }
        catch (InvalidOperationException error)
        {
            return error.Message;
        }
    }
}

/// <summary>Answers requests out of order: it collects a batch, then replies in reverse.</summary>
public partial class Server : Actor
{
    private readonly List<Request> _batch = [];

    [Receive]
    void On(Request request)
    {
        _batch.Add(request);
        if (_batch.Count == 100)
        {
            for (int i = _batch.Count - 1; i >= 0; i--)
            {
                _batch[i].ReplyTo.Tell(new Response(_batch[i].Id, _batch[i].Id * 2));
            }

            _batch.Clear();
        }
    }
}

/// <summary>Sends requests, then takes each reply by its id with a selective receive.</summary>
public partial class Client : Actor
{
    private int _late;

    [Receive]
    async Task<int> On(RunRequests run)
    {
        for (int i = 0; i < run.Count; i++)
        {
            run.Server.Tell(new Request(i, Self));
        }

        int matched = 0;
        for (int i = 0; i < run.Count; i++)
        {
            int id = i;
            Response response = await Receive<Response>(r => r.Id == id, TimeSpan.FromSeconds(20));
            if (response.Value == id * 2)
            {
                matched++;
            }
        }

        return matched;
    }

    [Receive] void On(Response _) => _late++;

    [Receive] int On(GetCount _) => _late;
}

public class SelectiveReceiveTests
{
    [Fact]
    public async Task Receive_takes_the_matching_message_out_of_order_and_the_rest_dispatch_in_order()
    {
        await using var system = new ActorSystem();
        ActorRef<Selector> selector = system.Spawn<Selector>();
        selector.Tell(new Begin());
        selector.Tell(new C());
        selector.Tell(new B());
        selector.Tell(new A());

        Assert.Equal(["received A", "C", "B"], await selector.Ask(new GetLog()).Within());
    }

    [Fact]
    public async Task Receive_waits_for_a_message_that_arrives_later_without_busy_waiting()
    {
        await using var system = new ActorSystem();
        ActorRef<Selector> selector = system.Spawn<Selector>();
        Task<string> waiting = selector.Ask(new WaitFor(7, TimeoutMs: 20_000));
        selector.Tell(new Item(1));
        selector.Tell(new Item(2));
        Assert.False(waiting.IsCompleted);

        selector.Tell(new Item(7));

        Assert.Equal("got 7", await waiting.Within());
        Assert.Equal(["item 1", "item 2"], await selector.Ask(new GetLog()).Within());
    }

    [Fact]
    public async Task Receive_times_out_and_leaves_every_message_queued()
    {
        await using var system = new ActorSystem();
        ActorRef<Selector> selector = system.Spawn<Selector>();
        selector.Tell(new Item(1));
        Assert.Equal("timed out", await selector.Ask(new WaitFor(99, TimeoutMs: 100)).Within());
        Assert.Equal(["item 1"], await selector.Ask(new GetLog()).Within());
    }

    [Fact]
    public async Task Receive_of_two_types_returns_whichever_matches_first()
    {
        await using var system = new ActorSystem();
        ActorRef<Selector> selector = system.Spawn<Selector>();

        Task<string> first = selector.Ask(new AwaitReplyOrCancel());
        selector.Tell(new Item(5));
        selector.Tell(new Cancel("user"));
        Assert.Equal("cancelled: user", await first.Within());

        Task<string> second = selector.Ask(new AwaitReplyOrCancel());
        selector.Tell(new Result(3));
        Assert.Equal("result 3", await second.Within());
        Assert.Equal(["item 5"], await selector.Ask(new GetLog()).Within());
    }

    [Fact]
    public async Task Ten_thousand_interleaved_requests_are_correlated_by_id()
    {
        await using var system = new ActorSystem();
        ActorRef<Server> server = system.Spawn<Server>();
        ActorRef<Client> client = system.Spawn<Client>();

        int matched = await client.Ask(new RunRequests(server, 10_000), TimeSpan.FromSeconds(60)).Within(TimeSpan.FromSeconds(60));

        Assert.Equal(10_000, matched);
        Assert.Equal(0, await client.Ask(new GetCount()).Within()); // every reply was taken by a receive
    }

    [Fact]
    public async Task A_request_taken_by_a_receive_tells_its_asker_it_will_not_be_answered()
    {
        await using var system = new ActorSystem();
        ActorRef<Selector> selector = system.Spawn<Selector>();
        Task<string> waiting = selector.Ask(new WaitFor(4, TimeoutMs: 20_000));
        Task asked = selector.Address.Ask(new Item(4));

        RequestNotAnsweredException error = await Assert.ThrowsAsync<RequestNotAnsweredException>(() => asked.Within());
        Assert.Equal(typeof(Item), error.MessageType);
        Assert.Equal("got 4", await waiting.Within());
    }

    [Fact]
    public async Task Receive_outside_the_actors_turn_is_refused()
    {
        await using var system = new ActorSystem();
        ActorRef<Selector> selector = system.Spawn<Selector>();
        string error = await selector.Ask(new ReceiveFromAnotherThread()).Within();
        Assert.Contains("during its own turn", error);
    }
}
