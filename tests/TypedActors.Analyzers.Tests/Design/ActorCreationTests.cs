using TypedActors.Analyzers.Design;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests.Design;

public sealed class ActorCreationTests
{
    private const string Actors = """
        public sealed record Start;

        public partial class Child : Actor
        {
            public Child(int seed) { }
        }

        public partial class Parent : Actor
        {
            [Receive]
            void On(Start _)
            {
                ActorRef<Child> child = Spawn(() => new Child(seed: 1));
                child.Stop();
            }
        }
        """;

    [Fact]
    public Task New_inside_a_Spawn_factory_is_accepted() => Verify.Analyzer<ActorCreationAnalyzer>(Actors + """

        public static class Program
        {
            public static async Task Main()
            {
                await using var system = new ActorSystem();
                system.Spawn(() => new Child(seed: 2));
                system.Spawn(() =>
                {
                    int seed = 3;
                    return new Child(seed);
                });
                ChildSpec<Child> spec = ChildSpec.Of(() => new Child(seed: 4), RestartPolicy.Transient);
                system.Spawn(() => new Supervisor(new SupervisorOptions(), spec));
                Gateway.Expose("children", (int seed) => new Child(seed));
            }
        }

        public static class Gateway
        {
            public static void Expose<TActor, TCreate>(string kind, [ActorFactory] Func<TCreate, TActor> create) { }
        }
        """);

    [Fact]
    public Task New_outside_Spawn_is_TA1005() => Verify.Analyzer<ActorCreationAnalyzer>(Actors + """

        public static class Program
        {
            public static void Main()
            {
                Child direct = {|TA1005:new Child(4)|};
                Func<Child> factory = () => {|TA1005:new Child(5)|};
            }
        }
        """);
}
