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
            using IHost client = await StartClientAsync(database);
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

    private static async Task<IHost> StartClientAsync(string database)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (SiloSettings.ClusterId, SiloSettings.ClusterId));
            client.UsePostgresClustering(database);
            client.AddTypedActors(actors =>
            {
                SiloSettings.Actors(actors);
                actors.ClientProbeInterval = TimeSpan.FromMilliseconds(200); // reads the membership table this often while it watches
            });
        });
        IHost host = builder.Build();
        await host.StartAsync().WaitAsync(LossDeadline);
        return host;
    }
}
