// One silo per process on loopback. Start the primary, then a second silo pointing at it:
//   dotnet run --project samples/Cluster -- --port 11111
//   dotnet run --project samples/Cluster -- --port 11112 --primary 11111
// The primary hosts a tally and a watchdog. The second silo spawns its own tally, tells and asks the primary's tally,
// and has the primary's watchdog monitor its tally. Kill the second process: the watchdog on the primary gets
// Down(noconnection) once membership declares the dead silo; the primary's tally still answers, and the primary exits.
using System.Net;
using ClusterDemo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using TypedActors;
using TypedActors.Orleans;

int port = Option("--port") ?? 11111;
int? primary = Option("--primary");
const int FirstSiloPort = 11111;
const int FirstGatewayPort = 30000;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("TypedActors", LogLevel.Information);
builder.Services.AddSingleton<DemoEvents>();
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering(
        siloPort: port,
        gatewayPort: FirstGatewayPort + (port - FirstSiloPort),
        primarySiloEndpoint: new IPEndPoint(IPAddress.Loopback, primary ?? port));
    silo.AddTypedActors(actors =>
    {
        actors.Register<Tally>().Register<Watchdog>();
        actors.Placement = ActorPlacement.PreferLocal; // each silo spawns its own actors on itself
    });

    // Declare a lost silo dead within a few seconds (production defaults take tens of seconds; see docs/cluster.md).
    silo.Configure<ClusterMembershipOptions>(options =>
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 1;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(1); // start probing a silo that just joined at once
        // With two silos there is no third one to probe through, and a busy machine must not make the survivor doubt
        // itself into never declaring the dead one dead.
        options.EnableIndirectProbes = false;
        options.ExtendProbeTimeoutDuringDegradation = false;
    });
});

using IHost host = builder.Build();
await host.StartAsync();
ClusterActorSystem actors = host.Services.GetRequiredService<ClusterActorSystem>();

if (primary is null)
{
    ActorRef<Tally> tally = await actors.SpawnOrGetAsync<Tally>("primary-tally");
    await actors.SpawnOrGetAsync<Watchdog>("watchdog");
    tally.Tell(new Add(1));
    Console.WriteLine($"primary: silo {port} up; hosting {tally} and the watchdog");
    string first = await host.Services.GetRequiredService<DemoEvents>().First;

    // The dead silo took its own actors with it, not this silo's: the tally still answers, with both silos' additions.
    int total = await tally.Ask(new Total());
    Console.WriteLine($"primary: done ({first}); {tally} still answers: total = {total}");
}
else
{
    ActorRef<Tally> local = await actors.SpawnAsync<Tally>();
    ActorRef<Tally> remote = await actors.SpawnOrGetAsync<Tally>("primary-tally");
    ActorRef<Watchdog> watchdog = await actors.SpawnOrGetAsync<Watchdog>("watchdog");
    remote.Tell(new Add(2));
    int total = await remote.Ask(new Total());
    Console.WriteLine($"secondary: silo {port} up; asked {remote} on the primary: total = {total}");
    await watchdog.Ask(new WatchTally(local));
    Console.WriteLine($"secondary: the primary's watchdog monitors {local}; kill this process to see Down");
    await Task.Delay(Timeout.Infinite, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping)
        .ContinueWith(_ => { }, TaskScheduler.Default);
}

await host.StopAsync();

int? Option(string name)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : null;
}
