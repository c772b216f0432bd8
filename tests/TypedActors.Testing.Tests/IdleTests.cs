namespace TypedActors.Testing.Tests;

/// <summary>What idle means, and what the kit says when a system never gets there.</summary>
public class IdleTests
{
    [Fact]
    public async Task RunUntilIdle_returns_once_every_message_a_cascade_of_actors_sends_has_been_handled()
    {
        await using var kit = new ActorTestKit();
        ActorRef<Account> account = kit.Spawn<Account>();
        var tellers = Enumerable.Range(0, 50).Select(_ => kit.Spawn(() => new Teller(account))).ToList();
        foreach (ActorRef<Teller> teller in tellers)
        {
            for (int i = 0; i < 20; i++)
            {
                teller.Tell(new Forward(1m));
            }
        }

        await kit.RunUntilIdleAsync();

        // No wait: the deposits were all handled before RunUntilIdle returned, so this ask is the next message.
        Task<decimal> balance = account.Ask(new GetBalance());
        Assert.Equal(1000m, await kit.RunUntilCompletedAsync(balance));
        Assert.Equal(0, kit.System.DeadLetters.Count);
    }

    [Fact]
    public async Task A_system_that_never_becomes_idle_fails_naming_the_actors_that_kept_running()
    {
        await using var kit = new ActorTestKit(new ActorTestKitOptions { IdleTimeout = TimeSpan.FromSeconds(1) });
        ActorRef<Spinner> spinner = kit.Spawn<Spinner>();
        spinner.Tell(new Ping(0));

        ActorTestException failure = await Assert.ThrowsAsync<ActorTestException>(kit.RunUntilIdleAsync);

        Assert.Contains("did not become idle within 1 s", failure.Message);
        Assert.Contains($"  {spinner.Address} (Running): ", failure.Message);
        Assert.Contains("a livelock", failure.Message);
        spinner.Kill(); // the kit's disposal must not wait for it
    }

    [Fact]
    public async Task A_handler_awaiting_something_outside_the_actors_is_waiting_not_working_and_failures_say_so()
    {
        var gate = new TaskCompletionSource();
        await using var kit = new ActorTestKit();
        ActorRef<Waiter> waiter = kit.Spawn(() => new Waiter(gate.Task));
        Task awaiting = waiter.Ask(new AwaitGate());

        await kit.RunUntilIdleAsync(); // returns: the handler waits for the gate, which no actor will open
        ActorTestException failure = await Assert.ThrowsAsync<ActorTestException>(() => kit.RunUntilCompletedAsync(awaiting));
        Assert.Contains("the actor system became idle", failure.Message);
        Assert.Contains($"{waiter.Address} (Running, 0 queued), handling an AwaitGate: no snapshot until the handler finishes", failure.Message);
        Assert.Contains($"Awaiting in a handler (", failure.Message);

        gate.SetResult(); // the continuation is posted to the actor, so the kit sees it as work
        await kit.RunUntilCompletedAsync(awaiting);
        Assert.Empty(kit.Failures);
    }

    [Fact]
    public async Task Disposal_stops_waiting_for_a_handler_the_test_never_released_once_the_system_is_idle()
    {
        var gate = new TaskCompletionSource(); // never opened
        var kit = new ActorTestKit(new ActorTestKitOptions { IdleTimeout = TimeSpan.FromMinutes(10) });
        ActorRef<Waiter> waiter = kit.Spawn(() => new Waiter(gate.Task));
        ActorRef<Notebook> notebook = kit.Spawn(() => new Notebook());
        Task awaiting = waiter.Ask(new AwaitGate());
        await kit.RunUntilIdleAsync();

        // Bounded far below the idle timeout and the virtual shutdown timeout, neither of which may be waited out.
        await kit.DisposeAsync().AsTask().Within();

        Assert.Equal(ExitKind.Normal, (await notebook.Completion.Within()).Kind); // stopped as a shutdown stops it
        ActorError straggler = Assert.Single(kit.Errors);
        Assert.Equal(waiter.Address, straggler.Actor);
        Assert.Equal("shutdown", straggler.Context);
        Assert.IsType<TimeoutException>(straggler.Exception);
        Assert.False(awaiting.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task ExpectTerminated_returns_the_exit_reason_or_fails_while_the_actor_lives()
    {
        await using var kit = new ActorTestKit();
        ActorRef<Notebook> notebook = kit.Spawn(() => new Notebook());
        ActorTestException failure = await Assert.ThrowsAsync<ActorTestException>(() => kit.ExpectTerminatedAsync(notebook));
        Assert.StartsWith($"Expected {notebook.Address} to terminate, but it is alive and the actor system became idle.", failure.Message);
        Assert.Contains($"Actors under test:{Environment.NewLine}  {notebook.Address} (Running, 0 queued): {{}}", failure.Message);

        notebook.Tell(new Crash("out of paper"));
        ExitReason reason = await kit.ExpectTerminatedAsync(notebook);

        Assert.Equal(ExitKind.Failed, reason.Kind);
        Assert.Equal("out of paper", reason.Message);
    }

    [Fact]
    public async Task Dead_letters_errors_and_failures_are_recorded_in_order()
    {
        await using var kit = new ActorTestKit();
        ActorRef<Notebook> notebook = kit.Spawn(() => new Notebook());
        notebook.Tell(new Note("first"));
        notebook.Tell(new Crash("torn page"));
        notebook.Tell(new Note("after the crash"));
        await kit.ExpectTerminatedAsync(notebook);
        notebook.Tell(new Note("to the dead"));

        Assert.Equal(
            [("torn page", DeadLetterReason.HandlerFailed), ("after the crash", DeadLetterReason.RecipientTerminated), ("to the dead", DeadLetterReason.RecipientDead)],
            kit.DeadLetters.Select(d => (d.Message is Note n ? n.Text : ((Crash)d.Message).Why, d.Reason)));
        Assert.Equal("torn page", Assert.Single(kit.Failures).Reason.Message);
        Assert.Empty(kit.Errors);
    }

    [Fact]
    public async Task ConfigureSystem_may_set_anything_but_the_clock_and_the_work_tracker()
    {
        await using var kit = new ActorTestKit(new ActorTestKitOptions { ConfigureSystem = options => options.Name = "orders" });
        Assert.Equal("orders", kit.System.Name);
        Assert.Same(kit.Time, kit.System.TimeProvider);

        Assert.Throws<ArgumentException>(() => new ActorTestKit(new ActorTestKitOptions
        {
            ConfigureSystem = options => options.TimeProvider = TimeProvider.System,
        }));
    }
}
