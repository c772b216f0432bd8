namespace TypedActors.Testing.Tests;

public sealed record WatchAccount;
public sealed record LinkToAccount;
public sealed record GetEvents;

/// <summary>Monitors or links to its account on request, and records what it learns.</summary>
public partial class Watcher(ActorRef<Account> account) : Actor
{
    private readonly List<string> _events = [];

    [Receive] void On(WatchAccount _) => Monitor(account);

    [Receive] void On(LinkToAccount _) => Link(account);

    [Receive] void On(Down down) => _events.Add($"down {down.Reason}");

    [Receive] void On(Crash crash) => throw new InvalidOperationException(crash.Why);

    [Receive] string[] On(GetEvents _) => [.. _events];
}

public class ProbeTests
{
    [Fact]
    public async Task A_probe_stands_in_where_an_actor_reference_is_expected_and_receives_a_copy_of_each_message()
    {
        await using var kit = new ActorTestKit();
        TestProbe<Account> account = kit.CreateProbe<Account>();
        ActorRef<Teller> teller = kit.Spawn(() => new Teller(account.Ref));

        teller.Tell(new Forward(25m));
        teller.Tell(new AuditTo(["opened"]));

        Assert.Equal(new Deposit(25m), await account.ExpectMessageAsync<Deposit>());
        Audit audit = await account.ExpectMessageAsync<Audit>(a => a.Lines.Count == 1);
        Assert.Equal(["opened"], audit.Lines); // the teller changed its own list after sending: the probe has a copy
        await account.ExpectNoMessageAsync();
        Assert.Equal(2, account.Received.Count);
    }

    [Fact]
    public async Task An_ask_to_a_probe_is_answered_by_the_test_with_the_handlers_reply_type()
    {
        await using var kit = new ActorTestKit();
        TestProbe<Account> account = kit.CreateProbe<Account>();
        ActorRef<Teller> teller = kit.Spawn(() => new Teller(account.Ref));
        Task<bool> transfer = teller.Ask(new Transfer(30m));

        ProbeAsk<Account, Withdraw> withdraw = await account.ExpectAskAsync<Withdraw>();
        Assert.Equal(30m, withdraw.Message.Amount);
        Assert.Equal(teller.Address, withdraw.Sender);
        withdraw.Reply(true);
        ProbeAsk<Account, GetBalance> balance = await account.ExpectAskAsync<GetBalance>();
        balance.Reply(70m);

        Assert.True(await kit.RunUntilCompletedAsync(transfer));
        Assert.True(balance.IsAnswered);
        ActorTestException twice = Assert.Throws<ActorTestException>(() => balance.Reply(1m));
        Assert.Contains("answered already", twice.Message);
    }

    [Fact]
    public async Task A_probe_ask_can_fail_as_a_throwing_handler_would()
    {
        await using var kit = new ActorTestKit();
        TestProbe<Account> account = kit.CreateProbe<Account>();
        Task<decimal> asked = account.Ref.Ask(new GetBalance());

        (await account.ExpectAskAsync<GetBalance>()).Fail(new InvalidOperationException("ledger closed"));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => kit.RunUntilCompletedAsync(asked));
        Assert.Equal("ledger closed", thrown.Message);
    }

    [Fact]
    public async Task A_reply_of_another_type_than_the_handler_returns_fails_the_test_not_the_asker()
    {
        await using var kit = new ActorTestKit();
        TestProbe<Account> account = kit.CreateProbe<Account>();
        _ = account.Ref.Ask(new GetBalance());
        _ = account.Ref.Ask(new Deposit(1m));
        ProbeAsk<Account, GetBalance> balance = await account.ExpectAskAsync<GetBalance>();
        ProbeAsk<Account, Deposit> deposit = await account.ExpectAskAsync<Deposit>();

#pragma warning disable TA1011 // what the analyzer reports at compile time is checked at run time too
        var wrongType = Assert.Throws<ActorTestException>(() => balance.Reply(100));
        var noValue = Assert.Throws<ActorTestException>(() => balance.Reply());
        var value = Assert.Throws<ActorTestException>(() => deposit.Reply(true));
#pragma warning restore TA1011

        Assert.Equal(
            "Account's handler of GetBalance returns Decimal, not Int32: the asker would fail with ReplyTypeMismatchException. Reply with a Decimal (TA1011).",
            wrongType.Message);
        Assert.Contains("returns Decimal: answer this ask with Reply(value)", noValue.Message);
        Assert.Contains("returns no value: answer this ask with Reply()", value.Message);
        Assert.False(balance.IsAnswered);
        deposit.Reply();
        Assert.True(deposit.IsAnswered);
    }

    [Fact]
    public async Task Expecting_a_message_the_actor_has_no_handler_for_fails_at_once()
    {
        await using var kit = new ActorTestKit();
        TestProbe<Account> account = kit.CreateProbe<Account>();

#pragma warning disable TA1010 // checked at run time as well as by the analyzer
        var failure = await Assert.ThrowsAsync<ActorTestException>(() => account.ExpectMessageAsync<Note>());
#pragma warning restore TA1010

        Assert.Equal(
            $"Expected a Note at {account}: Account has no [Receive] handler for Note, so nothing can send it one through an " +
            "ActorRef<Account>. It handles Audit, Deposit, GetBalance, Withdraw (TA1010).",
            failure.Message);
    }

    [Fact]
    public async Task A_failed_expectation_lists_what_arrived_instead_in_order_and_the_state_of_the_actors_under_test()
    {
        await using var kit = new ActorTestKit();
        TestProbe<Account> account = kit.CreateProbe<Account>("savings");
        ActorRef<Teller> teller = kit.Spawn(() => new Teller(account.Ref));
        Task<bool> transfer = teller.Ask(new Transfer(5m));
        (await account.ExpectAskAsync<Withdraw>()).Reply(true);
        (await account.ExpectAskAsync<GetBalance>()).Reply(95m);
        await kit.RunUntilCompletedAsync(transfer);
        teller.Tell(new Forward(1m));
        teller.Tell(new Forward(2m));
        await kit.RunUntilIdleAsync();         // the teller's deposits arrive first...
        account.Ref.Tell(new Withdraw(3m));    // ...then this one, told from outside the actors

        var failure = await Assert.ThrowsAsync<ActorTestException>(() => account.ExpectMessageAsync<Audit>());

        string[] lines = failure.Message.Split(Environment.NewLine);
        Assert.Equal(
        [
            "Expected an Audit at probe 'savings' (Account), but the next to arrive was Deposit { Amount = 1 } from " + teller.Address + ".",
            "Arrived instead, in order:",
            "  1. Deposit { Amount = 1 } from " + teller.Address,
            "  2. Deposit { Amount = 2 } from " + teller.Address,
            "  3. Withdraw { Amount = 3 }",
            "Actors under test:",
            "  " + teller.Address + """ (Running, 0 queued): {"LastBalance":"95","Transfers":1}""",
        ],
        lines);
    }

    [Fact]
    public async Task Expecting_a_message_fails_as_soon_as_the_system_is_idle_without_it()
    {
        await using var kit = new ActorTestKit();
        TestProbe<Account> account = kit.CreateProbe<Account>();
        kit.Spawn(() => new Teller(account.Ref));

        var failure = await Assert.ThrowsAsync<ActorTestException>(() => account.ExpectMessageAsync<Deposit>());

        Assert.StartsWith($"Expected a Deposit at {account}, but the actor system became idle and nothing arrived.", failure.Message);
    }

    [Fact]
    public async Task A_told_message_is_not_an_ask_and_an_ask_is_not_a_told_message()
    {
        await using var kit = new ActorTestKit();
        TestProbe<Account> account = kit.CreateProbe<Account>();
        account.Ref.Tell(new GetBalance());
        _ = account.Ref.Ask(new GetBalance());

        var told = await Assert.ThrowsAsync<ActorTestException>(() => account.ExpectAskAsync<GetBalance>());
        var asked = await Assert.ThrowsAsync<ActorTestException>(() => account.ExpectMessageAsync<GetBalance>());

        Assert.Contains("It was told, not asked: take it with ExpectMessageAsync.", told.Message);
        Assert.Contains("GetBalance { } (asked). It was asked: take it with ExpectAskAsync and answer it.", asked.Message);
    }

    [Fact]
    public async Task ExpectNoMessage_checks_an_idle_system_and_refuses_a_busy_one()
    {
        await using var kit = new ActorTestKit();
        TestProbe<Account> account = kit.CreateProbe<Account>();
        ActorRef<Teller> teller = kit.Spawn(() => new Teller(account.Ref));
        await kit.RunUntilIdleAsync();
        account.ExpectNoMessage();

        teller.Tell(new Forward(1m));
        var busy = Assert.Throws<ActorTestException>(account.ExpectNoMessage);
        Assert.Contains("the actor system is not idle", busy.Message);

        await kit.RunUntilIdleAsync();
        var arrived = Assert.Throws<ActorTestException>(account.ExpectNoMessage);
        Assert.StartsWith($"Expected no message at {account}, but 1 arrived.{Environment.NewLine}Arrived instead, in order:", arrived.Message);
    }

    [Fact]
    public async Task A_terminated_probe_sends_Down_to_its_watchers_its_exit_to_linked_actors_and_dead_letters_later_messages()
    {
        await using var kit = new ActorTestKit();
        TestProbe<Account> account = kit.CreateProbe<Account>();
        ActorRef<Watcher> watching = kit.Spawn(() => new Watcher(account.Ref));
        ActorRef<Watcher> linked = kit.Spawn(() => new Watcher(account.Ref));
        watching.Tell(new WatchAccount());
        linked.Tell(new LinkToAccount());
        await kit.RunUntilIdleAsync();

        account.Terminate(ExitReason.Failed(new InvalidOperationException("vault sealed")));

        ExitReason linkedExit = await kit.ExpectTerminatedAsync(linked);    // not trapping exits: dies with the reason
        Assert.Equal("vault sealed", linkedExit.Message);
        Assert.Equal(["down failed: System.InvalidOperationException: vault sealed"], await kit.RunUntilCompletedAsync(watching.Ask(new GetEvents())));
        Assert.Equal(ExitKind.Failed, (await kit.ExpectTerminatedAsync(account.Ref)).Kind);
        account.Ref.Tell(new Deposit(1m));
        Assert.Equal(DeadLetterReason.RecipientDead, Assert.Single(kit.DeadLetters, d => d.Message is Deposit).Reason);
    }

    [Fact]
    public async Task A_probe_traps_exits_so_a_linked_actors_failure_arrives_as_Exited()
    {
        await using var kit = new ActorTestKit();
        TestProbe<Account> account = kit.CreateProbe<Account>();
        ActorRef<Watcher> linked = kit.Spawn(() => new Watcher(account.Ref));
        linked.Tell(new LinkToAccount());
        linked.Tell(new Crash("spilled coffee"));

        Exited exited = await account.ExpectMessageAsync<Exited>();

        Assert.Equal(linked.Address, exited.Who);
        Assert.Equal("spilled coffee", exited.Reason.Message);
        Assert.False(account.Ref.IsDead);
    }
}
