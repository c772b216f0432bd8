using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;
using TypedActors.Orleans.ClusterHost;
using TypedActors.Orleans.Hosting;
using Xunit.Abstractions;

namespace TypedActors.Orleans.Tests;

/// <summary>
/// Three silo processes keep membership in a PostgreSQL database (<see cref="PostgresClusteringExtensions"/>), with
/// this test process as an Orleans client that finds their gateways there: unlike development clustering, whose table
/// lives in the first silo's memory, the cluster outlives any of its silos, the first one included, and a killed silo
/// started again on its ports joins again and hosts new actors.
/// </summary>
[Collection(TwoProcessDemoCollection.Name)]
public sealed class PostgresMembershipTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan LossDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Three_silos_on_a_PostgreSQL_membership_table_survive_the_loss_of_any_one_and_a_restarted_silo_rejoins()
    {
        string database = await postgres.CreateDatabaseAsync("membership");
        int[] ports = SiloProcess.FreePorts(6);
        string[] clustering = ["--postgres", database];

        // Started together: the three create the schema at once, which must not fail any of them.
        var starting = Stopwatch.StartNew();
        SiloProcess?[] silos = await Task.WhenAll(
            SiloProcess.StartAsync(ports[0], ports[1], clustering, "first"),
            SiloProcess.StartAsync(ports[2], ports[3], clustering, "second"),
            SiloProcess.StartAsync(ports[4], ports[5], clustering, "third"));
        TimeSpan started = starting.Elapsed;
        try
        {
            using IHost client = await PostgresClusterClient.StartAsync(database);
            ClusterActorSystem actors = client.Services.GetRequiredService<ClusterActorSystem>();
            await AddAndCheck(actors, "first", 1);
            ActorRef<Tally> second = await AddAndCheck(actors, "second", 2);
            await AddAndCheck(actors, "third", 3);

            // The first silo, whose memory would hold a development membership table.
            TimeSpan firstDead = await KillAndAwaitDeclaredDead(database, silos[0]!);
            silos[0] = null;
            Assert.Equal(2, await second.Ask(new Total()).Within()); // never touched: the cluster went on without the first silo
            await AddAndCheck(actors, "spawned-after-the-first-silo-died", 4);

            var restarting = Stopwatch.StartNew();
            silos[0] = await SiloProcess.StartAsync(ports[0], ports[1], clustering, "first-again");
            TimeSpan rejoined = restarting.Elapsed;
            await AddAndCheck(actors, "first-again", 5); // spawned on the restarted silo, reached from the client

            // Another silo: the two left, the restarted one among them, carry on.
            TimeSpan secondDead = await KillAndAwaitDeclaredDead(database, silos[1]!);
            silos[1] = null;
            Assert.Equal(5, await (await actors.SpawnOrGetAsync<Tally>("first-again")).Ask(new Total()).Within());
            Assert.Equal(3, await (await actors.SpawnOrGetAsync<Tally>("third")).Ask(new Total()).Within());
            await AddAndCheck(actors, "spawned-after-the-second-silo-died", 6);

            output.WriteLine($"Three silos started together in {started.TotalMilliseconds:F0} ms");
            output.WriteLine($"SIGKILL to Dead in the membership table: first silo {firstDead.TotalMilliseconds:F0} ms, " +
                $"second silo {secondDead.TotalMilliseconds:F0} ms; restarted silo joined and spawned in {rejoined.TotalMilliseconds:F0} ms");
            await client.StopAsync();
        }
        finally
        {
            foreach (SiloProcess? silo in silos)
            {
                if (silo is not null)
                {
                    await silo.DisposeAsync();
                }
            }
        }
    }

    [Fact]
    public async Task The_membership_statements_change_the_table_only_against_the_version_they_read()
    {
        string database = await postgres.CreateDatabaseAsync("statements");
        var schema = new PostgresMembershipSchema(database, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        await Task.WhenAll(schema.CreateAsync(CancellationToken.None), schema.CreateAsync(CancellationToken.None)); // at once, under its lock
        await schema.CreateAsync(CancellationToken.None); // and again: idempotent

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var statements = new Statements(connection);
        Assert.Equal(true, await statements.Run("InsertMembershipVersionKey"));
        Assert.Equal(false, await statements.Run("InsertMembershipVersionKey"));

        Assert.Equal(true, await statements.Run("InsertMembershipKey", Silo(11111, version: 0)));
        Assert.Equal(false, await statements.Run("InsertMembershipKey", Silo(11111, version: 1))); // already there
        Assert.Equal(false, await statements.Run("InsertMembershipKey", Silo(11112, version: 0))); // a stale version
        Assert.Equal(1, await statements.Version());

        Assert.Equal(true, await statements.Run("UpdateMembershipKey", Change(11111, SiloStatus.Dead, version: 1)));
        Assert.Equal(false, await statements.Run("UpdateMembershipKey", Change(11112, SiloStatus.Dead, version: 2))); // no such silo
        Assert.Equal(false, await statements.Run("UpdateMembershipKey", Change(11111, SiloStatus.Active, version: 1))); // stale
        Assert.Equal(2, await statements.Version());
        Assert.Equal((int)SiloStatus.Dead, await StatusOf(database, 11111));
        Assert.Equal(true, await statements.Run("InsertMembershipKey", Silo(11112, version: 2)));

        // Gateways are the active silos only; a heartbeat changes no version.
        await statements.Run("UpdateIAmAlivetimeKey", [.. Key(11112), ("IAmAliveTime", DateTime.UtcNow)]);
        Assert.Equal(3, await statements.Version());
        Assert.Equal([11112 + 1000], await statements.Column("GatewaysQueryKey", "ProxyPort", ("Status", (int)SiloStatus.Active)));

        // Reads carry the version on every row, and on a row of its own when no silo matches.
        Assert.Equal([11111, 11112], (await statements.Column("MembershipReadAllKey", "Port")).Cast<int>().Order());
        Assert.Equal([3, 3], (await statements.Column("MembershipReadAllKey", "Version")).Cast<int>());
        Assert.Equal([(int)SiloStatus.Active], (await statements.Column("MembershipReadRowKey", "Status", Key(11112))).Cast<int>());
        Assert.Equal([3], (await statements.Column("MembershipReadRowKey", "Version", Key(11113))).Cast<int>());
    }

    private static (string, object?)[] Key(int port) => [("Address", "127.0.0.1"), ("Port", port), ("Generation", 7)];

    private static (string, object?)[] Silo(int port, int version) =>
    [
        .. Key(port), ("SiloName", $"silo-{port}"), ("HostName", "localhost"), ("Status", (int)SiloStatus.Active),
        ("ProxyPort", port + 1000), ("StartTime", DateTime.UtcNow), ("IAmAliveTime", DateTime.UtcNow), ("Version", version),
    ];

    private static (string, object?)[] Change(int port, SiloStatus status, int version) =>
        [.. Key(port), ("Status", (int)status), ("SuspectTimes", null), ("IAmAliveTime", DateTime.UtcNow), ("Version", version)];

    /// <summary>Runs the statements the schema stored for Orleans' provider, bound by name as the provider binds them.</summary>
    private sealed class Statements(NpgsqlConnection connection)
    {
        public async Task<object?> Run(string key, params (string Name, object? Value)[] parameters)
        {
            await using NpgsqlCommand run = await Prepare(key, parameters);
            return await run.ExecuteScalarAsync();
        }

        /// <summary>The values of one column of the statement's rows, read by name as the provider reads them.</summary>
        public async Task<List<object>> Column(string key, string column, params (string Name, object? Value)[] parameters)
        {
            await using NpgsqlCommand run = await Prepare(key, parameters);
            await using NpgsqlDataReader rows = await run.ExecuteReaderAsync();
            var values = new List<object>();
            while (await rows.ReadAsync())
            {
                values.Add(rows.GetValue(rows.GetOrdinal(column)));
            }

            return values;
        }

        private async Task<NpgsqlCommand> Prepare(string key, (string Name, object? Value)[] parameters)
        {
            await using var read = new NpgsqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key", connection);
            read.Parameters.AddWithValue("key", key);
            var run = new NpgsqlCommand((string)(await read.ExecuteScalarAsync())!, connection);
            run.Parameters.AddWithValue("DeploymentId", "statements-test");
            foreach ((string name, object? value) in parameters)
            {
                run.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            return run;
        }

        public async Task<int> Version()
        {
            await using var read = new NpgsqlCommand("SELECT version FROM typedactors_membership_version WHERE deployment_id = 'statements-test'", connection);
            return (int)(await read.ExecuteScalarAsync())!;
        }
    }

    /// <summary>Spawns (or finds) a tally, adds to it and reads the sum back.</summary>
    private static async Task<ActorRef<Tally>> AddAndCheck(ClusterActorSystem actors, string name, int amount)
    {
        ActorRef<Tally> tally = await actors.SpawnOrGetAsync<Tally>(name).WaitAsync(LossDeadline);
        tally.Tell(new Add(amount));
        Assert.Equal(amount, await tally.Ask(new Total()).Within());
        return tally;
    }

    /// <summary>Kills a silo and waits until the surviving silos have voted it dead in the database's membership table.</summary>
    private static async Task<TimeSpan> KillAndAwaitDeclaredDead(string database, SiloProcess silo)
    {
        var clock = Stopwatch.StartNew();
        await silo.KillAsync();
        await Eventually.Holds(() => StatusOf(database, silo.SiloPort), status => status == (int)SiloStatus.Dead, LossDeadline);
        return clock.Elapsed;
    }

    /// <summary>The status of the latest incarnation of the silo on <paramref name="port"/>, as the table holds it.</summary>
    private static async Task<int?> StatusOf(string database, int port)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand(
            "SELECT status FROM typedactors_membership WHERE port = @port ORDER BY generation DESC LIMIT 1", connection);
        read.Parameters.AddWithValue("port", port);
        return await read.ExecuteScalarAsync() as int?;
    }
}
