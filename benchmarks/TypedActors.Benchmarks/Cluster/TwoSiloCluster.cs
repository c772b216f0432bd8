using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Npgsql;
using Orleans.TestingHost;
using TypedActors.Persistence.PostgreSql;
using TypedActors.Orleans;

namespace TypedActors.Benchmarks.Cluster;

/// <summary>
/// Two in-process Orleans silos talking over loopback, each hosting TypedActors with <see cref="ClusterEcho"/>
/// registered and placed on the spawning silo, so a benchmark knows where each actor and grain lives. Given a
/// PostgreSQL database, each silo also has a <see cref="PostgresJournal"/> on it for <see cref="DurableCounter"/>, and
/// Orleans' ADO.NET grain storage <see cref="GrainStorage"/> on the same database.
/// </summary>
public sealed class TwoSiloCluster : IAsyncDisposable
{
    /// <summary>The name of the Orleans grain storage on the database.</summary>
    public const string GrainStorage = "postgres";

    private const string DatabaseKey = "BenchmarkDatabase";
    private readonly TestCluster _cluster;

    private TwoSiloCluster(TestCluster cluster) => _cluster = cluster;

    /// <param name="database">A PostgreSQL connection string for durable actors and grain storage, or null for none.</param>
    public static async Task<TwoSiloCluster> StartAsync(string? database = null)
    {
        var builder = new TestClusterBuilder(2);
        if (database is not null)
        {
            await CreateGrainStorageAsync(database);
            builder.Properties[DatabaseKey] = database;
        }

        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        TestCluster cluster = builder.Build();
        await cluster.DeployAsync();
        return new TwoSiloCluster(cluster);
    }

    public ClusterActorSystem Actors(int silo) => Services(silo).GetRequiredService<ClusterActorSystem>();

    public IGrainFactory Grains(int silo) => Services(silo).GetRequiredService<IGrainFactory>();

    /// <summary>Silo 0's reference to the actor named <paramref name="name"/>, spawned on <paramref name="silo"/>.</summary>
    public async Task<ActorRef<ClusterEcho>> EchoActorOn(int silo, string name)
    {
        await Actors(silo).SpawnOrGetAsync<ClusterEcho>(name);
        return await Actors(0).SpawnOrGetAsync<ClusterEcho>(name);
    }

    /// <summary>Silo 0's reference to the echo grain <paramref name="name"/>, activated on <paramref name="silo"/>.</summary>
    public async Task<TGrain> GrainOn<TGrain>(int silo, string name, Func<TGrain, Task> activate)
        where TGrain : IGrainWithStringKey
    {
        await activate(Grains(silo).GetGrain<TGrain>(name));
        return Grains(0).GetGrain<TGrain>(name);
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    private IServiceProvider Services(int silo) => ((InProcessSiloHandle)_cluster.Silos[silo]).SiloHost.Services;

    /// <summary>Creates the table and statements Orleans' ADO.NET grain storage uses (OrleansGrainStorage.sql).</summary>
    private static async Task CreateGrainStorageAsync(string database)
    {
        using var script = new StreamReader(typeof(TwoSiloCluster).Assembly.GetManifestResourceStream("OrleansGrainStorage.sql")!);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand(await script.ReadToEndAsync(), connection);
        await create.ExecuteNonQueryAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            string? database = siloBuilder.Configuration[DatabaseKey];
            PostgresJournal? journal = database is null ? null : new PostgresJournal(database);
            if (journal is not null)
            {
                siloBuilder.Services.AddSingleton(_ => journal); // a factory registration: the silo's container disposes it
                siloBuilder.AddAdoNetGrainStorage(GrainStorage, options =>
                {
                    options.Invariant = "Npgsql";
                    options.ConnectionString = database;
                });
            }

            siloBuilder.AddTypedActors(actors =>
            {
                actors.Register<ClusterEcho>().Register<DurableCounter>();
                actors.Placement = ActorPlacement.PreferLocal;
                actors.ConfigureSystem = system => system.Journal = journal;
            });
        }
    }
}
