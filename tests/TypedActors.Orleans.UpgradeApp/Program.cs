// A silo of a cluster whose two silos run different versions of the application (Inbox.cs, MESSAGE_V2).
//   first silo:  --port P --gateway G --ready FILE    hosts "inbox-v1"; writes FILE once up; exits once asked both ways
//   second silo: --port P --gateway G --primary P1     hosts "inbox-v2"; asks the first silo's inbox, then has it ask back
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TypedActors;
using TypedActors.Orleans;
using UpgradeApp;

#if MESSAGE_V2
const string Version = "v2";
#else
const string Version = "v1";
#endif
TimeSpan deadline = TimeSpan.FromMinutes(3); // generous: a loaded machine can take long to start and join a silo
int port = int.Parse(Option("--port")!, CultureInfo.InvariantCulture);
int gateway = int.Parse(Option("--gateway")!, CultureInfo.InvariantCulture);
int? primary = Option("--primary") is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering(siloPort: port, gatewayPort: gateway, primarySiloEndpoint: new IPEndPoint(IPAddress.Loopback, primary ?? port));
    silo.AddTypedActors(actors =>
    {
        actors.Register<Inbox>();
        actors.Placement = ActorPlacement.PreferLocal; // each silo's inbox lives on it
    });
});

using IHost host = builder.Build();
await host.StartAsync();
ClusterActorSystem actors = host.Services.GetRequiredService<ClusterActorSystem>();
ActorRef<Inbox> mine = await actors.SpawnOrGetAsync<Inbox>("inbox-" + Version);
Console.WriteLine($"{Version}: up");

if (primary is null)
{
    await File.WriteAllTextAsync(Option("--ready")!, Version);
    string[] log;
    while ((log = await mine.Ask(new GetLog())).Length < 2) // the test that runs both silos bounds the wait
    {
        await Task.Delay(50);
    }

    foreach (string line in log)
    {
        Console.WriteLine($"{Version} log: {line}");
    }
}
else
{
    ActorRef<Inbox> first = await actors.SpawnOrGetAsync<Inbox>("inbox-v1"); // spawned by the first silo: lives there
#if MESSAGE_V2
    var greeting = new Greeting("hello from v2", Sender: "v2 silo", Priority: 7);
#else
    var greeting = new Greeting("hello from v1");
#endif
    Console.WriteLine($"{Version} asked: {await first.Ask(greeting, deadline)}");
    Console.WriteLine($"{Version} asked back: {await first.Ask(new AskBack(mine), deadline)}");
}

await host.StopAsync();
return 0;

string? Option(string name)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
