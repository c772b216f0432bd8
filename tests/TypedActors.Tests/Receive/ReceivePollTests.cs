namespace TypedActors.Tests.Receive;

public sealed record Parcel(int Id);
public sealed record Ready;
public sealed record PollSaved(int Wanted);
public sealed record PollMailbox(int Wanted);
public sealed record PollNegative;

/// <summary>
/// Polls with <c>Receive(timeout: TimeSpan.Zero)</c> and reports whether the returned task was already complete and
/// how it ended, so the tests see "at once" directly instead of timing it.
/// </summary>
public partial class Poller : Actor
{
    [Receive] void On(Parcel _) { }

    [Receive] void On(Ready _) { }

    [Receive]
    async Task<string> On(PollSaved poll)
    {
        // Parcels sent before Ready are set aside while this waits for Ready: the poll must find them there.
        await Receive<Ready>(timeout: TimeSpan.FromSeconds(20));
        return await Poll(poll.Wanted);
    }

    [Receive]
    async Task<string> On(PollMailbox poll)
    {
        Self.Tell(new Parcel(poll.Wanted)); // queued in the mailbox, not yet looked at
        return await Poll(poll.Wanted);
    }

    [Receive]
    string On(PollNegative negative)
    {
        try
        {
            _ = Receive<Parcel>(timeout: TimeSpan.FromMilliseconds(-5));
            return "accepted";
        }
        catch (ArgumentOutOfRangeException)
        {
            return "rejected";
        }
    }

    private async Task<string> Poll(int wanted)
    {
        Task<Parcel> poll = Receive<Parcel>(p => p.Id == wanted, TimeSpan.Zero);
        string when = poll.IsCompleted ? "at once" : "later";
        try
        {
            Parcel parcel = await poll;
            return $"{when}: parcel {parcel.Id}";
        }
        catch (TimeoutException)
        {
            return $"{when}: timeout";
        }
    }
}

public sealed class ReceivePollTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_zero_timeout_takes_a_set_aside_match_at_once()
    {
        await using var system = new ActorSystem();
        ActorRef<Poller> poller = system.Spawn<Poller>();

        Task<string> answer = poller.Ask(new PollSaved(7), Deadline);
        poller.Tell(new Parcel(6));
        poller.Tell(new Parcel(7));
        poller.Tell(new Ready());

        Assert.Equal("at once: parcel 7", await answer);
    }

    [Fact]
    public async Task A_zero_timeout_takes_a_match_still_in_the_mailbox_at_once()
    {
        await using var system = new ActorSystem();
        ActorRef<Poller> poller = system.Spawn<Poller>();

        Assert.Equal("at once: parcel 3", await poller.Ask(new PollMailbox(3), Deadline));
    }

    [Fact]
    public async Task A_zero_timeout_without_a_queued_match_fails_with_TimeoutException_at_once()
    {
        await using var system = new ActorSystem();
        ActorRef<Poller> poller = system.Spawn<Poller>();

        Task<string> answer = poller.Ask(new PollSaved(9), Deadline);
        poller.Tell(new Parcel(8));
        poller.Tell(new Ready());

        Assert.Equal("at once: timeout", await answer);
    }

    [Fact]
    public async Task A_negative_timeout_is_still_rejected()
    {
        await using var system = new ActorSystem();
        ActorRef<Poller> poller = system.Spawn<Poller>();

        Assert.Equal("rejected", await poller.Ask(new PollNegative(), Deadline));
    }
}
