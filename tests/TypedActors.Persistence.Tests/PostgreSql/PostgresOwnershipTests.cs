using Npgsql;
using TypedActors.Persistence.PostgreSql;

namespace TypedActors.Persistence.Tests.PostgreSql;

/// <summary>
/// One live actor per persistence id across nodes sharing a PostgreSQL database (two actor systems, each with its own
/// journal and connections, as two machines would have), takeover when a node's session ends, and fencing of the node
/// that lost its ids.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresOwnershipTests(PostgresServer server)
{
    [Fact]
    public async Task A_second_node_spawning_the_same_persistence_id_is_refused_until_the_first_stops()
    {
        string database = await server.CreateDatabaseAsync("nodes");
        var secondJournal = new PostgresJournal(database);
        await using var second = new ActorSystem(new ActorSystemOptions { Journal = secondJournal });
        await using (var firstJournal = new PostgresJournal(database))
        {
            await using var first = new ActorSystem(new ActorSystemOptions { Journal = firstJournal });
            ActorRef<Ledger> ledger = await first.SpawnPersistentAsync<Ledger>("account-42");
            await ledger.Ask(new RecordAndRead(1));
            await ledger.Ask(new RecordAndRead(2));

            PersistenceIdInUseException refused = await Assert.ThrowsAsync<PersistenceIdInUseException>(
                () => second.SpawnPersistentAsync<Ledger>("account-42"));
            Assert.Equal("account-42", refused.PersistenceId);
            Assert.Contains("live session on the same database", refused.Message, StringComparison.Ordinal);
        }

        // The first node has stopped: its ids are free, and the second recovers what it stored.
        ActorRef<Ledger> taken = await second.SpawnPersistentAsync<Ledger>("account-42");
        int[] recovered = await taken.Ask(new GetValues());
        Assert.Equal([1, 2], recovered);
        await secondJournal.DisposeAsync();
    }

    [Fact]
    public async Task When_a_nodes_session_ends_its_ids_are_taken_over_and_its_writes_are_fenced_off()
    {
        string database = await server.CreateDatabaseAsync("fencing");
        await using var first = new PostgresJournal(database);
        await using var second = new PostgresJournal(database);
        PersistenceLease old = await first.AcquireAsync("account-42");
        await first.AppendAsync(old, 0, [new byte[] { 1 }]);
        await Assert.ThrowsAsync<PersistenceIdInUseException>(() => second.AcquireAsync("account-42").AsTask());

        // What the server sees when a node's process dies or its network goes: the owner session ends.
        await TerminateOldestOwnerSession(database);

        PersistenceLease taken = await second.AcquireAsync("account-42");
        Assert.True(taken.Epoch > old.Epoch);
        await Assert.ThrowsAsync<PersistenceConflictException>(() => first.AppendAsync(old, 1, [new byte[] { 2 }]).AsTask());
        await Assert.ThrowsAsync<PersistenceConflictException>(() => first.SaveAsync(old, 1, new byte[] { 9 }).AsTask());
        await second.AppendAsync(taken, 1, [new byte[] { 3 }]);

        var recorded = new Conformance.RecordedEvents();
        await second.ReplayAsync("account-42", 1, recorded);
        Assert.Equal([1, 3], recorded.Events.Select(e => (int)e.Payload[0]));
    }

    private async Task TerminateOldestOwnerSession(string database)
    {
        string name = new NpgsqlConnectionStringBuilder(database).Database!;
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var terminate = new NpgsqlCommand(
            """
            SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity
            WHERE datname = @db AND application_name = 'TypedActors journal owner'
            ORDER BY backend_start LIMIT 1
            """,
            connection);
        terminate.Parameters.AddWithValue("db", name);
        Assert.Equal(true, await terminate.ExecuteScalarAsync()); // returns once the session has ended
    }
}
