// One silo of a multi-process test on loopback, listening on --silo-port P and --gateway-port G, with either
//   --primary-port Q            development clustering: the membership table in the memory of the silo at port Q
//   --postgres CONNECTION       membership in a PostgreSQL database (UsePostgresClustering)
// and, with --journal CONNECTION, a PostgreSQL journal for durable actors (PostgresJournal). It spawns a tally named
// "{name}" on itself for every --spawn name, prints "ready" and runs until it is killed or its standard input closes.
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using TypedActors;
using TypedActors.Orleans;
using TypedActors.Orleans.ClusterHost;
using TypedActors.Orleans.Hosting;
using TypedActors.Persistence.PostgreSql;

int siloPort = IntOption("--silo-port") ?? throw new ArgumentException("--silo-port is required");
int gatewayPort = IntOption("--gateway-port") ?? throw new ArgumentException("--gateway-port is required");
int? primaryPort = IntOption("--primary-port");
string? postgres = Option("--postgres");
if (primaryPort is null == postgres is null)
{
    throw new ArgumentException("Give either --primary-port or --postgres.");
}

string? journalConnection = Option("--journal");
string[] spawn = Option("--spawn")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(new SiloIdentity(siloPort));
await using PostgresJournal? journal = journalConnection is null ? null : new PostgresJournal(journalConnection);
builder.UseOrleans(silo =>
{
    if (postgres is null)
    {
        silo.UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primaryPort!.Value), clusterId: SiloSettings.ClusterId);
    }
    else
    {
        silo.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (SiloSettings.ClusterId, SiloSettings.ClusterId));
        silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: false);
        silo.UsePostgresClustering(postgres);
    }

    silo.AddTypedActors(actors =>
    {
        SiloSettings.Actors(actors);
        actors.ConfigureSystem = system => system.Journal = journal;
    });
    SiloSettings.FastFailureDetection(silo);
});

using IHost host = builder.Build();
await host.StartAsync();
ClusterActorSystem actors = host.Services.GetRequiredService<ClusterActorSystem>();
foreach (string name in spawn)
{
    await actors.SpawnOrGetAsync<Tally>(name);
}

Console.WriteLine($"ready: silo {siloPort}");

// Runs until killed (what the tests do) or until the test closes standard input.
await Task.Run(() => Console.In.ReadToEnd());
await host.StopAsync();

string? Option(string name)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

int? IntOption(string name) => Option(name) is { } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : null;
