using TypedActors.Introspection;

namespace TypedActors.Testing.Tests;

/// <summary>Every timer path of the runtime runs on the kit's virtual clock, and fires only when the test moves it.</summary>
public class TimeTests
{
    [Fact]
    public async Task SendAfter_delivers_when_the_clock_reaches_its_time_and_not_a_tick_earlier()
    {
        await using var kit = new ActorTestKit();
        ActorRef<Notebook> notebook = kit.Spawn(() => new Notebook());
        notebook.Tell(new Remind(TimeSpan.FromMinutes(5), "call back"));
        await kit.RunUntilIdleAsync();

        kit.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        Assert.Empty(await notebook.Ask(new GetNotes()));
        kit.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(["call back"], await notebook.Ask(new GetNotes()));
    }

    [Fact]
    public async Task The_receive_timeout_fires_after_each_idle_period_of_virtual_time()
    {
        await using var kit = new ActorTestKit();
        ActorRef<Notebook> notebook = kit.Spawn(() => new Notebook(idle: TimeSpan.FromMinutes(1)));
        await kit.RunUntilIdleAsync();

        kit.Time.Advance(TimeSpan.FromSeconds(59));
        notebook.Tell(new Note("busy"));                   // restarts the idle period: next timeout at 01:59
        await kit.RunUntilIdleAsync();
        kit.Time.Advance(TimeSpan.FromSeconds(59));
        await kit.RunUntilIdleAsync();
        Assert.Equal(["busy"], await notebook.Ask(new GetNotes()));

        await kit.AdvanceAsync(TimeSpan.FromMinutes(2));   // each ReceiveTimeout handled starts the next period
        Assert.Equal(["busy", "idle at 00:02:58", "idle at 00:03:58"], await notebook.Ask(new GetNotes()));
    }

    [Fact]
    public async Task An_unanswered_ask_times_out_after_the_ask_timeout_of_virtual_time()
    {
        await using var kit = new ActorTestKit(new ActorTestKitOptions
        {
            ConfigureSystem = options => options.AskTimeout = TimeSpan.FromSeconds(10),
        });
        TestProbe<Account> account = kit.CreateProbe<Account>();
        Task<decimal> asked = account.Ref.Ask(new GetBalance());
        _ = await account.ExpectAskAsync<GetBalance>();     // arrived; nobody answers

        kit.Time.Advance(TimeSpan.FromSeconds(9.9));
        await kit.RunUntilIdleAsync();
        Assert.False(asked.IsCompleted);
        kit.Time.Advance(TimeSpan.FromSeconds(0.1));        // the timeout wheel ticks on the virtual clock
        await Assert.ThrowsAsync<TimeoutException>(() => kit.RunUntilCompletedAsync(asked));
    }

    [Fact]
    public async Task Advance_jumps_to_the_new_time_so_a_timer_set_in_reaction_counts_from_there()
    {
        await using var kit = new ActorTestKit();
        ActorRef<Notebook> notebook = kit.Spawn(() => new Notebook());
        notebook.Tell(new ChainReminders(Count: 4, Every: TimeSpan.FromMinutes(1)));
        await kit.RunUntilIdleAsync();

        kit.Time.Advance(TimeSpan.FromMinutes(10)); // the reminder due at 00:01 fires; its reaction reads 00:10
        await kit.RunUntilIdleAsync();

        Assert.Equal(VirtualClock.DefaultStart.AddMinutes(11), kit.Time.NextTimerDue); // before an ask sets the timeout wheel's
        Assert.Equal(["chain 4 at 00:00:00", "chain 3 at 00:10:00"], await notebook.Ask(new GetNotes()));
    }

    [Fact]
    public async Task AdvanceAsync_fires_a_chain_of_timers_each_set_in_reaction_to_the_last_at_its_own_time()
    {
        await using var kit = new ActorTestKit();
        ActorRef<Notebook> notebook = kit.Spawn(() => new Notebook());
        notebook.Tell(new ChainReminders(Count: 4, Every: TimeSpan.FromMinutes(1)));

        await kit.AdvanceAsync(TimeSpan.FromMinutes(10));

        Assert.Equal(VirtualClock.DefaultStart.AddMinutes(10), kit.Time.GetUtcNow());
        Assert.Null(kit.Time.NextTimerDue);
        Assert.Equal(
            ["chain 4 at 00:00:00", "chain 3 at 00:01:00", "chain 2 at 00:02:00", "chain 1 at 00:03:00"],
            await notebook.Ask(new GetNotes()));
    }

    [Fact]
    public async Task A_restart_back_off_passes_only_when_the_clock_is_advanced()
    {
        await using var kit = new ActorTestKit();
        var notebook = ChildSpec.Of(() => new Notebook());
        kit.Spawn(() => new Supervisor(
            new SupervisorOptions { Backoff = new RestartBackoff(Initial: TimeSpan.FromSeconds(1), Max: TimeSpan.FromSeconds(10)) },
            notebook));
        await kit.RunUntilIdleAsync();
        notebook.Ref.Tell(new Note("before the crash"));
        notebook.Ref.Tell(new Crash("disk on fire"));
        Task<string[]> notes = notebook.Ref.Ask(new GetNotes()); // kept in the mailbox until the restart

        await kit.RunUntilIdleAsync();
        Assert.False(notes.IsCompleted);
        kit.Time.Advance(TimeSpan.FromSeconds(0.999));
        await kit.RunUntilIdleAsync();
        Assert.False(notes.IsCompleted);                          // the back-off has not passed

        kit.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Empty(await kit.RunUntilCompletedAsync(notes));   // a new instance, with fresh state
        ActorFailure failure = Assert.Single(kit.Failures);
        Assert.Equal(notebook.Ref.Address, failure.Actor);
        Assert.Equal("disk on fire", failure.Reason.Message);
        Assert.Equal(VirtualClock.DefaultStart, failure.Time);     // event times come from the virtual clock too
    }

    [Fact]
    public async Task A_handler_awaiting_a_delay_on_the_virtual_clock_or_a_selective_receive_is_resumed_by_the_kit()
    {
        await using var kit = new ActorTestKit();
        ActorRef<Patient> patient = kit.Spawn<Patient>();
        Task<string> paused = patient.Ask(new Pause(TimeSpan.FromMinutes(10)), Timeout.InfiniteTimeSpan);
        await kit.RunUntilIdleAsync();                          // idle: the handler waits for a timer not yet due
        Assert.False(paused.IsCompleted);

        await kit.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.True(paused.IsCompleted);                        // its continuation ran before AdvanceAsync returned
        Assert.Equal("resumed at 00:10:00", await paused);

        Task<string> awaiting = patient.Ask(new AwaitNote(), Timeout.InfiniteTimeSpan);
        await kit.RunUntilIdleAsync();
        Assert.False(awaiting.IsCompleted);
        patient.Tell(new Note("for the receive"));
        Assert.Equal("for the receive", await kit.RunUntilCompletedAsync(awaiting));
        Assert.Empty(kit.DeadLetters);
    }
}
