namespace TypedActors.Package.Tests;

/// <summary>
/// The C# a user writes in a new project that references one of the integration packages, each the smallest program
/// that needs the package's own code and, through it, the generator of the TypedActors package.
/// </summary>
internal static class IntegrationSources
{
    /// <summary>An actor whose constructor takes a service from the generic host's container (TypedActors.Hosting).</summary>
    public const string HostingProgram = """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.Extensions.Logging;
        using TypedActors;

        HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(new Salutation("hello"));
        builder.Services.AddTypedActors();
        using IHost host = builder.Build();
        await host.StartAsync();

        ActorRef<Greeter> greeter = host.Services.GetRequiredService<ActorSystem>().Spawn<Greeter>();
        Console.WriteLine(await greeter.Ask(new Greet("world"), TimeSpan.FromSeconds(10)));

        await host.StopAsync();
        ExitReason reason = await greeter.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Console.WriteLine($"stopped with the host: {reason.Kind}");

        public sealed record Greet(string Name);

        public sealed class Salutation(string word)
        {
            public string Word { get; } = word;
        }

        public partial class Greeter : Actor
        {
            private readonly Salutation _salutation;

            public Greeter(Salutation salutation) => _salutation = salutation;

            [Receive] string On(Greet message) => $"{_salutation.Word}, {message.Name}";
        }
        """;

    public static readonly string[] HostingOutput = ["hello, world", "stopped with the host: Normal"];

    /// <summary>A web application that exposes an actor kind and calls its own gateway (TypedActors.Http).</summary>
    public const string GatewayProgram = """"
        using System.Text;
        using TypedActors;
        using TypedActors.Http;

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var system = new ActorSystem();
        await using WebApplication app = builder.Build();
        app.MapActors(system, actors => actors.Expose<Tally>("tallies"));
        await app.StartAsync();

        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        using HttpResponseMessage created = await http.PutAsync("/actors/tallies/t1", content: null);
        Console.WriteLine($"PUT {(int)created.StatusCode}");
        using HttpResponseMessage added = await http.PostAsync(
            "/actors/tallies/t1/Add", new StringContent("""{"amount": 5}""", Encoding.UTF8, "application/json"));
        Console.WriteLine($"POST Add {(int)added.StatusCode}");
        using HttpResponseMessage total = await http.PostAsync("/actors/tallies/t1/GetTotal", content: null);
        Console.WriteLine($"POST GetTotal {(int)total.StatusCode} {await total.Content.ReadAsStringAsync()}");
        Console.WriteLine($"GET {await http.GetStringAsync("/actors/tallies/t1")}");
        using HttpResponseMessage killed = await http.DeleteAsync("/actors/tallies/t1");
        Console.WriteLine($"DELETE {(int)killed.StatusCode}");
        await app.StopAsync();

        """" + TallyActor;

    public static readonly string[] GatewayOutput =
        ["PUT 201", "POST Add 202", "POST GetTotal 200 5", """GET {"total":5}""", "DELETE 204"];

    /// <summary>
    /// A one-silo cluster on loopback (silo and gateway ports from the command line) that spawns an actor through the
    /// cluster and talks to it (TypedActors.Orleans).
    /// </summary>
    public static readonly string ClusterProgram = ClusterProgramWith(
        "", "UseLocalhostClustering(siloPort: int.Parse(args[0]), gatewayPort: int.Parse(args[1]))");

    /// <summary>
    /// The same silo with its membership in a PostgreSQL database (connection string third on the command line), which
    /// it creates the schema of (TypedActors.Orleans.PostgreSql).
    /// </summary>
    public static readonly string PostgresClusterProgram = ClusterProgramWith(
        """
        using System.Net;
        using Orleans.Configuration;
        using TypedActors.Orleans.Hosting;

        """,
        """
        Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = ("package-test", "package-test"))
                    .ConfigureEndpoints(IPAddress.Loopback, int.Parse(args[0]), int.Parse(args[1]))
                    .UsePostgresClustering(args[2])
        """);

    /// <summary>A one-silo program whose silo builder is configured by <paramref name="clustering"/> (after <c>silo.</c>).</summary>
    private static string ClusterProgramWith(string usings, string clustering) => usings + $$"""
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.Extensions.Logging;
        using TypedActors;
        using TypedActors.Orleans;

        HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo
            .{{clustering}}
            .AddTypedActors(actors => actors.Register<Tally>()));
        using IHost host = builder.Build();
        await host.StartAsync();

        ClusterActorSystem cluster = host.Services.GetRequiredService<ClusterActorSystem>();
        ActorRef<Tally> tally = await cluster.SpawnOrGetAsync<Tally>("tally");
        tally.Tell(new Add(2));
        tally.Tell(new Add(3));
        Console.WriteLine($"total: {await tally.Ask(new GetTotal(), TimeSpan.FromSeconds(10))}");
        ActorRef<Tally> again = await cluster.SpawnOrGetAsync<Tally>("tally");
        Console.WriteLine($"same actor by name: {again.Address == tally.Address}");

        await host.StopAsync();

        """ + TallyActor;

    public static readonly string[] ClusterOutput = ["total: 5", "same actor by name: True"];

    /// <summary>
    /// A test of an actor with the kit (TypedActors.Testing), as a plain program: the kit needs no test framework. A
    /// probe stands in for the actor's collaborator and answers its ask; the virtual clock fires its 15-minute timer at
    /// once; a failed expectation is an exception that says what happened.
    /// </summary>
    public const string TestKitProgram = """
        using TypedActors;
        using TypedActors.Testing;

        await using var kit = new ActorTestKit();
        TestProbe<Warehouse> warehouse = kit.CreateProbe<Warehouse>("warehouse");
        ActorRef<Order> order = kit.Spawn(() => new Order(warehouse.Ref));

        order.Tell(new PlaceOrder("apple", 3));
        ProbeAsk<Warehouse, Reserve> reserve = await warehouse.ExpectAskAsync<Reserve>();
        Console.WriteLine($"asked: {reserve.Message}");
        reserve.Reply(true);

        await kit.AdvanceAsync(Order.PaymentWindow);
        Console.WriteLine($"at {kit.Time.GetUtcNow():HH:mm}: {await warehouse.ExpectMessageAsync<Release>()}");
        try
        {
            await warehouse.ExpectMessageAsync<Reserve>();
        }
        catch (ActorTestException failure)
        {
            Console.WriteLine(failure.Message.Split(Environment.NewLine)[0]);
        }

        """ + WarehouseAndOrder;

    public static readonly string[] TestKitOutput =
    [
        "asked: Reserve { Sku = apple, Quantity = 3 }",
        "at 00:15: Release { Sku = apple, Quantity = 3 }",
        "Expected a Reserve at probe 'warehouse' (Warehouse), but the actor system became idle and nothing arrived.",
    ];

    /// <summary>The kit's expectations that cannot be met, each a TA error of the real build.</summary>
    public const string TestKitMistakes = """
        using TypedActors;
        using TypedActors.Testing;

        await using var kit = new ActorTestKit();
        TestProbe<Warehouse> warehouse = kit.CreateProbe<Warehouse>();
        string text = await warehouse.ExpectMessageAsync<string>(); // error TA1010
        ProbeAsk<Warehouse, Reserve> reserve = await warehouse.ExpectAskAsync<Reserve>();
        reserve.Reply(1); // error TA1011
        Console.WriteLine(text);

        """ + WarehouseAndOrder;

    /// <summary>An order that reserves its goods with a warehouse and releases them when not paid within 15 minutes.</summary>
    private const string WarehouseAndOrder = """
        public sealed record PlaceOrder(string Sku, int Quantity);

        public sealed record Reserve(string Sku, int Quantity);

        public sealed record Release(string Sku, int Quantity);

        public sealed record PaymentOverdue;

        public partial class Warehouse : Actor
        {
            [Receive] bool On(Reserve reserve) => reserve.Quantity > 0;

            [Receive] void On(Release release) { }
        }

        public partial class Order(ActorRef<Warehouse> warehouse) : Actor
        {
            public static readonly TimeSpan PaymentWindow = TimeSpan.FromMinutes(15);

            private PlaceOrder? _line;

            [Receive]
            async Task On(PlaceOrder order)
            {
                if (await warehouse.Ask(new Reserve(order.Sku, order.Quantity)))
                {
                    _line = order;
                    SendAfter(PaymentWindow, new PaymentOverdue());
                }
            }

            [Receive]
            void On(PaymentOverdue _)
            {
                if (_line is { } line)
                {
                    warehouse.Tell(new Release(line.Sku, line.Quantity));
                }
            }
        }
        """;

    /// <summary>
    /// A persistent tally on a SQLite file (database path and amount from the command line): it recovers, persists the
    /// amount, and prints the total before and after (TypedActors.Persistence.Sqlite).
    /// </summary>
    public static readonly string PersistenceProgram = PersistentTallyProgram(
        "TypedActors.Persistence.Sqlite", """new SqliteJournal($"Data Source={args[0]}")""");

    /// <summary>The same tally on a PostgreSQL database (connection string and amount from the command line).</summary>
    public static readonly string PostgresProgram = PersistentTallyProgram(
        "TypedActors.Persistence.PostgreSql", "new PostgresJournal(args[0])");

    /// <summary>A program that runs the persistent tally on the journal <paramref name="journal"/> creates.</summary>
    private static string PersistentTallyProgram(string journalNamespace, string journal) => $$"""
        using TypedActors;
        using {{journalNamespace}};

        await using var journal = {{journal}};
        await using var system = new ActorSystem(new ActorSystemOptions { Journal = journal });
        ActorRef<DurableTally> tally = await system.SpawnPersistentAsync<DurableTally>("tally");
        Console.WriteLine($"recovered: {await tally.Ask(new GetTotal(), TimeSpan.FromSeconds(10))}");
        tally.Tell(new Add(int.Parse(args[1]))); // the ask below is answered once the event is stored and applied
        Console.WriteLine($"total: {await tally.Ask(new GetTotal(), TimeSpan.FromSeconds(10))}");

        public sealed record Add(int Amount);

        public sealed record GetTotal;

        public sealed record Added(int Amount);

        [Persistent]
        public partial class DurableTally : Actor
        {
            private int _total;

            [Receive] Task On(Add message) => Persist(new Added(message.Amount));

            [Receive] int On(GetTotal _) => _total;

            [Apply] void Apply(Added e) => _total += e.Amount;
        }
        """;

    /// <summary>The actor both the gateway and the cluster program use: it adds up what it is sent.</summary>
    private const string TallyActor = """
        public sealed record Add(int Amount);

        public sealed record GetTotal;

        public partial class Tally : Actor
        {
            [State] private int _total; // private state is shown by the gateway only when marked [State]

            [Receive] void On(Add message) => _total += message.Amount;

            [Receive] int On(GetTotal _) => _total;
        }
        """;
}
