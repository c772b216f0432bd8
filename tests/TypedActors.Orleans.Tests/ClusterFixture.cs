using System.Text.Json;
using MessagePack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using TypedActors.Copying.Serialization;

namespace TypedActors.Orleans.Tests;

/// <summary>Two in-process silos and a client, shared by a test class: starting a cluster costs seconds.</summary>
public class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>The client's actor system (a separate process in production).</summary>
    public ClusterActorSystem Client => Cluster.Client.ServiceProvider.GetRequiredService<ClusterActorSystem>();

    /// <summary>The actor system of silo <paramref name="index"/> (actors it spawns are placed on it).</summary>
    public ClusterActorSystem Silo(int index) => ActorsOf(Cluster.Silos[index]);

    /// <summary>The actor system of <paramref name="silo"/>.</summary>
    public static ClusterActorSystem ActorsOf(SiloHandle silo) =>
        ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<ClusterActorSystem>();

    /// <summary>The cluster node of <paramref name="silo"/>: what it knows of other silos' actors.</summary>
    internal static ClusterNode NodeOf(SiloHandle silo) =>
        ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<ClusterNode>();

    /// <summary>The cluster key an address carries on the wire.</summary>
    internal static string ClusterKeyOf(Address address)
    {
        byte[] written = MessagePackSerializer.Serialize(address, ActorMessagePack.CreateOptions());
        return JsonDocument.Parse(MessagePackSerializer.ConvertToJson(written)).RootElement.GetProperty("Cluster").GetString()!;
    }

    /// <summary>The probes of clients that silo <paramref name="index"/> made and the clients answered.</summary>
    public AnsweredProbes AnsweredProbes(int index) =>
        ((InProcessSiloHandle)Cluster.Silos[index]).SiloHost.Services.GetRequiredService<AnsweredProbes>();

    /// <summary>
    /// Starts another Orleans client of this cluster (configured like the main one), to be stopped by the test: an
    /// actor process whose loss the silos must detect by themselves. Needs <see cref="ConnectionTransportType.TcpSocket"/>
    /// (see <see cref="Configure"/>): TestCluster's in-memory transport only connects the clients it builds itself.
    /// </summary>
    public async Task<IHost> StartExtraClientAsync(string name)
    {
        var configuration = new ConfigurationBuilder();
        foreach (IConfigurationSource source in Cluster.ConfigurationSources)
        {
            configuration.Add(source);
        }

        // The cluster's configuration names no gateways (TestCluster adds them to its own client only): list the silos'.
        List<Uri> gateways = [.. Cluster.Silos.Select(silo => silo.GatewayAddress.ToGatewayUri())];
        IHost client = TestClusterHostFactory.CreateClusterClient(
            name,
            configuration.Build(),
            host => host.ConfigureServices(services => services.Configure<StaticGatewayListProviderOptions>(options => options.Gateways = gateways)));
        await client.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return client;
    }

    public virtual async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Configure(builder); // after the defaults: a fixture's configurators run later and override them
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Adjusts the cluster before it is built; configurators added here run after the defaults.</summary>
    protected virtual void Configure(TestClusterBuilder builder)
    {
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    internal static void Register(ClusterActorsOptions actors) => actors
        .Register<Counter>()
        .Register<Keeper>()
        .Register<Gate>()
        .Register<Recorder>()
        .Register<Watcher>()
        .Register<Fragile>()
        .Register<Cache<string, int>>()
        .Register<Throttled>();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            // Spawning from a silo places the actor there, so a test knows which silo each actor lives on.
            siloBuilder.AddTypedActors(actors =>
            {
                Register(actors);
                actors.Placement = ActorPlacement.PreferLocal;
                actors.TombstoneDuration = TimeSpan.FromMilliseconds(300);

                // Probe clients often, so a lost client (whose pings fail at once) is declared lost within about half a
                // second; a healthy one answers in milliseconds, far within the timeout and the misses allowed even
                // when the test machine is loaded. A client that hangs would take 4 × (0.1 + 3) s, within the tests'
                // deadlines.
                actors.ClientProbeInterval = TimeSpan.FromMilliseconds(100);
                actors.ClientProbeTimeout = TimeSpan.FromSeconds(3);
                actors.ClientMissedProbesLimit = 4;
            });

            // Membership keeps Orleans' own failure detection (a silo is declared dead only after several probes of
            // seconds each go unanswered), so a healthy silo of a loaded test machine is never voted dead. Only the
            // fixtures that kill a silo detect that quickly: see FastSiloLossFixture.

            siloBuilder.Services.AddSingleton<AnsweredProbes>();
            siloBuilder.Services.AddSingleton<IOutgoingGrainCallFilter>(services => services.GetRequiredService<AnsweredProbes>());
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.AddTypedActors(actors =>
            {
                Register(actors);
                actors.Placement = ActorPlacement.PreferLocal; // placement is part of an actor's identity: same everywhere
            });
    }
}

/// <summary>
/// A cluster whose silos declare a killed silo dead within seconds instead of Orleans' production default: for the
/// tests that kill one. The price is that a silo which stalls for a second under load may be declared dead too, so
/// no other test shares these settings.
/// </summary>
public abstract class FastSiloLossFixture : ClusterFixture
{
    protected override void Configure(TestClusterBuilder builder) =>
        builder.AddSiloBuilderConfigurator<FastSiloLossDetection>();

    private sealed class FastSiloLossDetection : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = TimeSpan.FromMilliseconds(500);
                options.NumMissedProbesLimit = 2;
                options.NumVotesForDeathDeclaration = 1;
                options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            });
    }
}
