using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;
using Orleans.TestingHost;
using TypedActors.Orleans.ClusterHost;
using TypedActors.Persistence.PostgreSql;

namespace TypedActors.Orleans.Tests;

/// <summary>
/// Two in-process silos, each with its own PostgreSQL journal on one database (two owners, as two processes would be),
/// durable actors passivated after 1 s without a message.
/// </summary>
public sealed class DurableClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan PassivateAfter = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan OwnershipTimeout = TimeSpan.FromSeconds(2);
    private const string JournalKey = "DurableJournal";
    private readonly PostgresServer _postgres = new();

    public TestCluster Cluster { get; private set; } = null!;

    public string Database { get; private set; } = null!;

    public ClusterActorSystem Client => Cluster.Client.ServiceProvider.GetRequiredService<ClusterActorSystem>();

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        Database = await _postgres.CreateDatabaseAsync("durable");
        var builder = new TestClusterBuilder(2);
        builder.Properties[JournalKey] = Database;
        builder.AddSiloBuilderConfigurator<Silos>();
        builder.AddClientBuilderConfigurator<Clients>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    /// <summary>The stream of <paramref name="persistenceId"/> as the journal holds it: its owner (null once released) and owner epoch.</summary>
    public async Task<(int? Owner, long Epoch)> StreamOf(string persistenceId)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT owner, epoch FROM typedactors_streams WHERE persistence_id = @pid", connection);
        read.Parameters.AddWithValue("pid", persistenceId);
        await using NpgsqlDataReader row = await read.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync(), $"The journal has no stream '{persistenceId}'.");
        return (row.IsDBNull(0) ? null : row.GetInt32(0), row.GetInt64(1));
    }

    private sealed class Silos : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var journal = new PostgresJournal(siloBuilder.Configuration[JournalKey]!);
            siloBuilder.Services.AddSingleton(_ => journal); // a factory registration: the silo's container disposes it
            siloBuilder.Services.AddSingleton(services => new SiloIdentity(services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint.Port));
            siloBuilder.AddTypedActors(actors =>
            {
                SiloSettings.Actors(actors);
                actors.ConfigureSystem = system => system.Journal = journal;
                actors.PassivateDurableActorsAfter = PassivateAfter;
                actors.DurableOwnershipTimeout = OwnershipTimeout;
            });
        }
    }

    private sealed class Clients : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.AddTypedActors(SiloSettings.Actors);
    }
}

/// <summary>Durable actors that end, by passivation or a stop, come back with their next message, recovered from the journal.</summary>
public sealed class DurableActorTests(DurableClusterFixture fixture) : IClassFixture<DurableClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_idle_durable_actor_is_passivated_and_its_next_message_recovers_it()
    {
        ActorRef<Ledger> ledger = await fixture.Client.SpawnPersistentAsync<Ledger>("passivated").WaitAsync(Deadline);
        for (int value = 1; value <= 5; value++)
        {
            Assert.Equal(value, await ledger.Ask(new Append(value)).Within());
        }

        (int? owner, long epoch) = await fixture.StreamOf("passivated");
        Assert.NotNull(owner);

        // Busy: messages closer together than the idle time keep it, over three times that time.
        var busy = Stopwatch.StartNew();
        while (busy.Elapsed < 3 * DurableClusterFixture.PassivateAfter)
        {
            Assert.Equal(5, (await ledger.Ask(new ReadLedger()).Within()).Values.Length);
        }

        Assert.Equal((owner, epoch), await fixture.StreamOf("passivated")); // never released nor taken again

        // Idle: passivated, which releases its persistence id, no sooner than the idle time after the last message.
        var idle = Stopwatch.StartNew();
        await Eventually.Holds(() => fixture.StreamOf("passivated"), stream => stream.Owner is null, Deadline);
        Assert.True(idle.Elapsed >= DurableClusterFixture.PassivateAfter, $"Passivated {idle.Elapsed.TotalMilliseconds:F0} ms after the last message.");

        // The next message activates it again, recovered: every value, in order, under a new lease.
        LedgerState recovered = await ledger.Ask(new ReadLedger()).Within();
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, recovered.Values.ToArray());
        Assert.Equal(6, await ledger.Ask(new Append(6)).Within());
        (int? ownerAgain, long epochAgain) = await fixture.StreamOf("passivated");
        Assert.NotNull(ownerAgain);
        Assert.Equal(epoch + 1, epochAgain);
        Assert.False(ledger.IsDead);
    }

    [Fact]
    public async Task A_stopped_durable_actor_is_not_dead_for_its_references_and_its_next_message_recovers_it()
    {
        ActorRef<Ledger> ledger = await fixture.Client.SpawnPersistentAsync<Ledger>("stopped").WaitAsync(Deadline);
        Assert.Equal(1, await ledger.Ask(new Append(10)).Within());
        Assert.Equal(2, await ledger.Ask(new Append(20)).Within());
        (_, long epoch) = await fixture.StreamOf("stopped");

        Task<ExitReason> incarnation = ledger.Completion;
        ledger.Stop();
        Assert.Equal(ExitReason.Normal, await incarnation.Within()); // its watchers learn that this incarnation ended
        Assert.False(ledger.IsDead);
        await Eventually.Holds(() => fixture.StreamOf("stopped"), stream => stream.Owner is null, Deadline);

        LedgerState recovered = await ledger.Ask(new ReadLedger()).Within();
        Assert.Equal(new[] { 10, 20 }, recovered.Values.ToArray());
        Assert.Equal(epoch + 1, (await fixture.StreamOf("stopped")).Epoch);

        // Every caller spawning it gets the same actor, with the same state.
        ActorRef<Ledger> again = await fixture.Client.SpawnPersistentAsync<Ledger>("stopped").WaitAsync(Deadline);
        Assert.Equal(ledger, again);
        Assert.Equal(3, await again.Ask(new Append(30)).Within());
    }

    [Fact]
    public async Task An_activation_never_takes_the_id_from_a_live_owner_and_the_next_message_after_its_release_recovers_the_actor()
    {
        ActorRef<Ledger> ledger = await fixture.Client.SpawnPersistentAsync<Ledger>("contended").WaitAsync(Deadline);
        Assert.Equal(1, await ledger.Ask(new Append(7)).Within());
        ledger.Stop();
        await Eventually.Holds(() => fixture.StreamOf("contended"), stream => stream.Owner is null, Deadline);

        // Another owner, live, in this process (as another silo or application would be) takes the id.
        await using var other = new PostgresJournal(fixture.Database);
        Persistence.PersistenceLease lease = await other.AcquireAsync("contended");
        (int? owner, long epoch) = await fixture.StreamOf("contended");

        // The activation asks for it until its ownership timeout, then fails: asks fail, nothing was taken over.
        var waiting = Stopwatch.StartNew();
        var unreachable = await Assert.ThrowsAsync<ActorUnreachableException>(() => ledger.Ask(new ReadLedger(), Deadline));
        Assert.True(waiting.Elapsed >= DurableClusterFixture.OwnershipTimeout, $"Gave up after {waiting.Elapsed.TotalMilliseconds:F0} ms.");
        Assert.Contains("contended", unreachable.InnerException?.Message);
        Assert.Equal((owner, epoch), await fixture.StreamOf("contended"));
        Assert.False(ledger.IsDead);

        // Released: the next message activates it again and recovers what it stored.
        await other.ReleaseAsync(lease);
        Assert.Equal(new[] { 7 }, (await ledger.Ask(new ReadLedger()).Within()).Values.ToArray());
    }

    [Fact]
    public async Task Deliveries_and_a_Completion_read_that_meet_an_ending_incarnation_reach_the_next_one()
    {
        ActorRef<Ledger> ledger = await fixture.Client.SpawnPersistentAsync<Ledger>("ending").WaitAsync(Deadline);
        Assert.Equal(1, await ledger.Ask(new Append(1)).Within());
        Task<ExitReason> incarnation = ledger.Completion;

        // Sent right behind the stop: it reaches the ending incarnation (answered "dead", sent once more) or the next.
        ledger.Stop();
        Assert.Equal(2, await ledger.Ask(new Append(2)).Within());
        Assert.Equal(ExitReason.Normal, await incarnation.Within());

        // Stopped again, and Completion read as soon as that incarnation's Down came (it may still be releasing its
        // id): it watches the next incarnation, whatever answers "dead" meanwhile, and completes with its real reason.
        Task<ExitReason> second = ledger.Completion;
        ledger.Stop();
        Assert.Equal(ExitReason.Normal, await second.Within());
        Task<ExitReason> next = ledger.Completion;
        Assert.NotSame(second, next);
        Assert.Equal(new[] { 1, 2 }, (await ledger.Ask(new ReadLedger()).Within()).Values.ToArray());
        Assert.Equal(3, await ledger.Ask(new Append(3)).Within());
        ledger.Kill();
        Assert.Equal(ExitReason.Killed, await next.Within());
        Assert.False(ledger.IsDead);
    }

    [Fact]
    public async Task A_handler_that_lets_another_actors_death_through_fails_as_a_handler_not_as_a_dead_target()
    {
        ActorRef<Ledger> ledger = await fixture.Client.SpawnPersistentAsync<Ledger>("handler-fails").WaitAsync(Deadline);
        ActorRef<Ledger> other = await fixture.Client.SpawnPersistentAsync<Ledger>("handler-fails-other").WaitAsync(Deadline);
        Assert.Equal(1, await ledger.Ask(new Append(1)).Within());

        // Not an answer "dead" for the ledger: the sender neither sends it again nor takes the ledger for dead.
        var failure = await Assert.ThrowsAsync<RemoteActorException>(() => ledger.Ask(new FailAsIfDead(other.Address), Deadline));
        Assert.Equal(typeof(DeadActorException).FullName, failure.ExceptionType);
        Assert.False(ledger.IsDead);
        Assert.Equal(new[] { 1 }, (await ledger.Ask(new ReadLedger()).Within()).Values.ToArray());
    }

    [Fact]
    public async Task A_spawn_that_meets_an_ending_incarnation_returns_the_next_one_recovered()
    {
        ActorRef<Ledger> ledger = await fixture.Client.SpawnPersistentAsync<Ledger>("respawned").WaitAsync(Deadline);
        Assert.Equal(1, await ledger.Ask(new Append(3)).Within());
        (_, long epoch) = await fixture.StreamOf("respawned");

        // The spawn follows the stop at once: it finds the incarnation ending, waits for it without holding its grain,
        // and reaches the next activation, which has taken the id over.
        ledger.Stop();
        ActorRef<Ledger> again = await fixture.Client.SpawnPersistentAsync<Ledger>("respawned").WaitAsync(Deadline);
        Assert.Equal(ledger, again);
        Assert.Equal(new[] { 3 }, (await again.Ask(new ReadLedger()).Within()).Values.ToArray());
        Assert.Equal(epoch + 1, (await fixture.StreamOf("respawned")).Epoch);
    }

    [Fact]
    public async Task A_malformed_persistence_id_fails_at_the_caller_with_ArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.SpawnPersistentAsync<Ledger>(""));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.SpawnPersistentAsync<Ledger>(new string('x', 257)));
    }
}
