using System.Collections.Concurrent;

namespace TypedActors.Tests;

public class DeadLetterTests
{
    [Fact]
    public async Task A_message_of_a_type_the_actor_does_not_handle_is_an_unhandled_dead_letter()
    {
        await using var kit = new ActorTestKit();
        ActorRef<Counter> counter = kit.Spawn<Counter>();

        counter.Address.Send("hello");
        UnhandledMessageException error = await Assert.ThrowsAsync<UnhandledMessageException>(
            () => kit.RunUntilCompletedAsync(counter.Address.Ask<int>(42)));
        Assert.Equal(typeof(int), error.MessageType);

        await kit.RunUntilIdleAsync(); // the ask fails before its dead letter is published
        IReadOnlyList<DeadLetter> letters = kit.DeadLetters;
        Assert.All(letters, l => Assert.Equal(DeadLetterReason.Unhandled, l.Reason));
        Assert.Equal(["hello", 42], letters.Select(l => l.Message));
        Assert.False(counter.IsDead); // an unhandled message does not fail the actor
        Assert.Equal(0, await counter.Ask(new GetCount()).Within());
    }

    [Fact]
    public async Task An_actor_without_handlers_lives_and_reports_every_message_as_unhandled()
    {
        await using var system = new ActorSystem();
        ActorRef<Silent> silent = system.Spawn<Silent>();
        silent.Address.Send(new Increment());
        await Assert.ThrowsAsync<UnhandledMessageException>(() => silent.Address.Ask(new Increment()).Within());
        Assert.Equal(2, system.DeadLetters.Count);
        silent.Stop();
        Assert.Equal(ExitKind.Normal, (await silent.Completion.Within()).Kind);
    }

    [Fact]
    public async Task Messages_to_a_dead_actor_are_counted_with_their_sender()
    {
        await using var system = new ActorSystem();
        var letters = new ConcurrentQueue<DeadLetter>();
        using IDisposable subscription = system.DeadLetters.Subscribe(letters.Enqueue);
        ActorRef<Counter> counter = system.Spawn<Counter>();
        counter.Stop();
        await counter.Completion.Within();

        for (int i = 0; i < 10; i++)
        {
            counter.Tell(new Increment());
        }

        Assert.Equal(10, system.DeadLetters.Count);
        Assert.All(letters, l => Assert.Equal(DeadLetterReason.RecipientDead, l.Reason));
        Assert.All(letters, l => Assert.Null(l.Sender)); // sent from outside any actor
    }

    [Fact]
    public async Task Null_messages_and_empty_addresses_are_rejected()
    {
        await using var system = new ActorSystem();
        ActorRef<Counter> counter = system.Spawn<Counter>();
        Assert.Throws<ArgumentNullException>(() => counter.Tell((Increment)null!));
        Assert.Throws<ArgumentNullException>(() => counter.Address.Send(null!));
        Assert.Throws<InvalidOperationException>(() => default(Address).Send(new Increment()));
        Assert.Throws<InvalidOperationException>(() => default(ActorRef<Counter>).Tell(new Increment()));
        Assert.Throws<ArgumentException>(() => ActorRef<Recorder>.From(counter.Address));
    }

    [Fact]
    public async Task Every_message_is_either_processed_or_dead_lettered_when_an_actor_stops_under_load()
    {
        await using var kit = new ActorTestKit();
        ActorSystem system = kit.System;
        var final = new TaskCompletionSource<int>();
        ActorRef<Tally> tally = system.Spawn(() => new Tally(final, stopAt: 50_000));
        const int total = 200_000;
        var senders = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < total / 4; i++)
            {
                tally.Tell(new Increment());
            }
        })).ToArray();
        await Task.WhenAll(senders).Within();
        await tally.Completion.Within();

        int processed = await final.Task.Within();
        Assert.Equal(50_000, processed); // it stopped itself after exactly that message

        // A message that lands after the terminating turn drained the mailbox is dead-lettered by the turn its sender
        // scheduled, which may run just after Completion: once the system is idle, every such turn has run.
        await kit.RunUntilIdleAsync();
        Assert.Equal(total, processed + system.DeadLetters.Count);
    }
}

/// <summary>Counts increments and reports its final count when it stops.</summary>
public partial class Tally : Actor
{
    private readonly TaskCompletionSource<int> _final;
    private readonly int _stopAt;
    private int _count;

    public Tally(TaskCompletionSource<int> final, int stopAt)
    {
        _final = final;
        _stopAt = stopAt;
    }

    [Receive]
    void On(Increment _)
    {
        if (++_count == _stopAt)
        {
            Stop();
        }
    }

    [Receive] int On(GetCount _) => _count;

    protected override Task OnStopped()
    {
        _final.TrySetResult(_count);
        return Task.CompletedTask;
    }
}
