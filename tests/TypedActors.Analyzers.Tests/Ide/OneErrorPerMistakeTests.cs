using System.Globalization;
using Microsoft.CodeAnalysis;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests.Ide;

/// <summary>
/// Each mistake, alone in a project, as an editor shows it (generators, every TypedActors analyzer and suppressor,
/// compiler diagnostics): exactly one problem, the TA error of that mistake, on the line marked <c>// expect</c>.
/// No CS0534 or other compiler error about generated members. The generator reports nothing of its own; for a class it
/// cannot extend (TA1001, TA1007) it reports the analyzer's very diagnostic (same id, place and message), which the
/// command-line compiler prints once, before its own errors (see CompilerMistakeTests in TypedActors.Package.Tests).
/// </summary>
public sealed class OneErrorPerMistakeTests
{
    private const string Messages = """
        public sealed record Increment;
        public sealed record GetCount;
        public sealed record Pause;

        public partial class Sleeper : Actor
        {
            [Receive] void On(Pause _) { }
        }

        """;

    public static TheoryData<string, string> Mistakes => new()
    {
        { "TA1001", """
            public class Counter : Actor // expect
            {
                [Receive] void On(Increment _) { }
            }
            public static class Use { public static void Run(ActorRef<Counter> c) => c.Tell(new Increment()); }
            """ },
        { "TA1002", """
            public partial class Counter : Actor
            {
                [Receive] async void On(Increment _) => await Task.Yield(); // expect
                [Receive] int On(GetCount _) => 1;
            }
            """ },
        { "TA1002", """
            public partial class Counter : Actor
            {
                [Receive] static void On(Increment _) { } // expect
            }
            """ },
        { "TA1003", """
            public partial class Counter : Actor
            {
                [Receive] void First(Increment _) { }
                [Receive] int Second(Increment _) => 1; // expect
            }
            """ },
        { "TA1004", """
            public class NotAnActor
            {
                [Receive] void On(Increment _) { } // expect
            }
            """ },
        { "TA1007", """
            public class Outer
            {
                public partial class Counter : Actor // expect
                {
                    [Receive] void On(Increment _) { }
                }
            }
            """ },
        { "TA1008", """
            public partial class Outer
            {
                private partial class Counter : Actor // expect
                {
                    [Receive] void On(Increment _) { }
                }
            }
            """ },
        { "TA1009", """
            public partial class Counter : Actor
            {
                [Receive] void On(Increment _) { }
                [Receive] int On(GetCount _) => 1;
            }
            public static class Use
            {
                public static void Run(ActorRef<Counter> counter) => counter.Tell("hello"); // expect
            }
            """ },
        { "TA1009", """
            public partial class Counter : Actor
            {
                [Receive] int On(GetCount _) => 1;
            }
            public static class Use
            {
                public static async Task<int> Run(ActorRef<Counter> counter)
                {
                    int count = await counter.Ask(new Pause()); // expect
                    return count;
                }
            }
            """ },
        { "TA1010", """
            public partial class Counter : Actor
            {
                [Receive] int On(GetCount _) => 1;
            }
            public static class Use
            {
                public static async Task Run(TypedActors.Testing.TestProbe<Counter> counter) =>
                    await counter.ExpectMessageAsync<Pause>(); // expect
            }
            """ },
        { "TA1011", """
            public partial class Counter : Actor
            {
                [Receive] int On(GetCount _) => 1;
            }
            public static class Use
            {
                public static async Task Run(TypedActors.Testing.TestProbe<Counter> counter)
                {
                    var ask = await counter.ExpectAskAsync<GetCount>();
                    ask.Reply(1L); // expect
                }
            }
            """ },
        { "TA1009", """
            public partial class Counter : Actor
            {
                [Receive] void On(Increment _) { }
            }
            public static class Use
            {
                public static async Task Run(ActorRef<Counter> counter) =>
                    await counter.TellAsync(new Pause()); // expect
            }
            """ },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task The_mistake_is_its_TA_error_alone(string id, string source)
    {
        WholeCompilation.Result result = await WholeCompilation.AnalyzeAsync([Messages + source]);

        Diagnostic problem = Assert.Single(result.Diagnostics, d => !d.IsSuppressed && d.Severity >= DiagnosticSeverity.Warning);
        Assert.True(problem.Id == id, result.Describe());
        Assert.Equal(DiagnosticSeverity.Error, problem.Severity);
        int expectedLine = (Messages + source).Split('\n').ToList().FindIndex(l => l.Contains("// expect", StringComparison.Ordinal));
        Assert.Equal(expectedLine, problem.Location.GetLineSpan().StartLinePosition.Line);
        if (id is "TA1001" or "TA1007")
        {
            Diagnostic repeated = Assert.Single(result.GeneratorDiagnostics);
            Assert.Equal(
                (problem.Id, problem.Location, problem.GetMessage(CultureInfo.InvariantCulture)),
                (repeated.Id, repeated.Location, repeated.GetMessage(CultureInfo.InvariantCulture)));
        }
        else
        {
            Assert.Empty(result.GeneratorDiagnostics);
        }
    }

    [Fact]
    public async Task TA1009_names_the_actor_the_message_type_and_what_the_actor_handles()
    {
        WholeCompilation.Result result = await WholeCompilation.AnalyzeAsync([Messages + """
            public partial class Counter : Actor
            {
                [Receive] void On(Increment _) { }
                [Receive] int On(GetCount _) => 1;
            }
            public partial class Silent : Actor
            {
            }
            public static class Use
            {
                public static void Run(ActorRef<Counter> counter, ActorRef<Silent> silent)
                {
                    counter.Tell("hello");
                    silent.Tell(new Pause());
                }
            }
            """]);

        Assert.Equal(
            [
                "'Counter' has no [Receive] handler for 'string'; it handles Increment, GetCount",
                "'Silent' has no [Receive] handler for 'Pause'; it handles no message types",
            ],
            result.Problems.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task TA1009_on_a_closed_generic_actor_names_the_closed_types()
    {
        WholeCompilation.Result result = await WholeCompilation.AnalyzeAsync(["""
            public sealed record Put<TKey, TValue>(TKey Key, TValue Value);
            public sealed record Get<TKey>(TKey Key);
            public partial class Cache<TKey, TValue> : Actor
                where TKey : notnull
            {
                private readonly Dictionary<TKey, TValue> _items = new();
                [Receive] void On(Put<TKey, TValue> put) => _items[put.Key] = put.Value;
                [Receive] TValue? On(Get<TKey> get) => _items.TryGetValue(get.Key, out TValue? value) ? value : default;
            }
            public static class Use
            {
                public static async Task<int> Run(ActorSystem system)
                {
                    ActorRef<Cache<string, int>> cache = system.Spawn<Cache<string, int>>();
                    cache.Tell(new Put<string, int>("a", 1));
                    cache.Tell(new Get<int>(1));
                    return await cache.Ask(new Get<string>("a"));
                }
            }
            """]);

        Diagnostic problem = Assert.Single(result.Problems, _ => true);
        Assert.Equal(
            "'Cache<string, int>' has no [Receive] handler for 'Get<int>'; it handles Put<string, int>, Get<string>",
            problem.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
