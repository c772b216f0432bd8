namespace TypedActors.Package.Tests;

/// <summary>The C# a user writes in a new project that references the TypedActors package.</summary>
internal static class ConsumerSources
{
    /// <summary>
    /// An actor with a synchronous, a replying and a copying handler, driven from top-level statements. It needs the
    /// generator (Spawn, typed Tell/Ask, dispatch, the copier of <c>Basket</c>) and the runtime.
    /// </summary>
    public const string TallyProgram = """
        using TypedActors;

        await using var system = new ActorSystem();
        ActorRef<Tally> tally = system.Spawn<Tally>();
        for (int i = 1; i <= 100; i++)
        {
            tally.Tell(new Add(i));
        }

        int total = await tally.Ask(new GetTotal(), TimeSpan.FromSeconds(10));
        Console.WriteLine($"total: {total}");

        var basket = new Basket { Items = ["apple"] };
        int seen = await tally.Ask(basket, TimeSpan.FromSeconds(10));
        Console.WriteLine($"actor saw {seen} items, sender still has {basket.Items.Count}");

        tally.Stop();
        ExitReason reason = await tally.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Console.WriteLine($"stopped: {reason.Kind}");

        public sealed record Add(int Amount);

        public sealed record GetTotal;

        public sealed class Basket
        {
            public List<string> Items { get; set; } = [];
        }

        public partial class Tally : Actor
        {
            private int _total;

            [Receive] void On(Add message) => _total += message.Amount;

            [Receive] int On(GetTotal _) => _total;

            [Receive] int On(Basket basket)
            {
                basket.Items.Add("pear"); // the actor's own copy: the sender's basket does not change
                return basket.Items.Count;
            }
        }
        """;

    /// <summary>What <see cref="TallyProgram"/> prints: 1 + … + 100, a copied message, a normal stop.</summary>
    public static readonly string[] TallyOutput =
    [
        "total: 5050",
        "actor saw 2 items, sender still has 1",
        "stopped: Normal",
    ];

    /// <summary>An actor sharing a static counter with every other instance: TA2001 at line 13.</summary>
    public const string StaticStateProgram = """
        using TypedActors;

        await using var system = new ActorSystem();
        system.Spawn<Greeter>().Tell(new Greet("world"));

        public sealed record Greet(string Name);

        public partial class Greeter : Actor
        {
            private static int s_greeted;

            [Receive] void On(Greet message)
            {
                s_greeted++;
                Console.WriteLine($"hello {message.Name} #{s_greeted}");
            }
        }
        """;

    /// <summary>The line of <see cref="StaticStateProgram"/> that first touches the static field.</summary>
    public const int StaticStateLine = 14;
}
