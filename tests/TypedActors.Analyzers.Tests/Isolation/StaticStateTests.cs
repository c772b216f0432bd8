using TypedActors.Analyzers.CodeFixes;
using TypedActors.Analyzers.Isolation;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests.Isolation;

public sealed class StaticStateTests
{
    [Fact]
    public Task Constants_immutable_statics_and_thread_safe_types_are_accepted() => Verify.Analyzer<StaticStateAnalyzer>("""
        using System.Collections.Concurrent;
        using System.Collections.Immutable;

        public sealed record Tick;

        public static class Settings
        {
            public const int Limit = 10;
            public static readonly string Name = "bank";
            public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
            public static readonly ImmutableArray<int> Primes = [2, 3, 5];
            public static readonly ConcurrentDictionary<string, int> Shared = new();
            public static int Computed => 42;
        }

        public partial class Clock : Actor
        {
            private int _ticks;

            [Receive]
            void On(Tick _)
            {
                _ticks += Settings.Limit + Settings.Name.Length + Settings.Primes.Length + Settings.Computed;
                _ticks += (int)Settings.Period.TotalSeconds + (int)DateTime.Now.Ticks;
                Settings.Shared.TryAdd("ticks", _ticks);
                Console.WriteLine(string.Empty);
            }
        }
        """);

    [Fact]
    public Task A_static_field_that_is_not_readonly_is_TA2001() => Verify.Analyzer<StaticStateAnalyzer>("""
        public sealed record Tick;

        public partial class Clock : Actor
        {
            private static int s_ticks;

            [Receive] void On(Tick _) => {|TA2001:s_ticks|}++;
        }
        """);

    [Fact]
    public Task A_static_readonly_field_of_a_mutable_type_and_a_member_chain_are_TA2001() => Verify.Analyzer<StaticStateAnalyzer>("""
        public sealed record Tick;

        public sealed class Registry
        {
            public List<int> Items { get; } = [];
        }

        public static class Globals
        {
            public static readonly List<string> Names = [];
            public static readonly Registry Registry = new();
            public static Registry Current { get; set; } = new();
            public static Registry Instance { get; } = new();
        }

        public partial class Clock : Actor
        {
            [Receive]
            void On(Tick _)
            {
                {|TA2001:Globals.Names|}.Add("tick");
                {|TA2001:Globals.Registry|}.Items.Add(1);
                {|TA2001:Globals.Current|}.Items.Clear();
                {|TA2001:Globals.Instance|}.Items.Add(2);
            }
        }
        """);

    [Fact]
    public Task Writing_a_static_property_of_another_assembly_is_TA2001() => Verify.Analyzer<StaticStateAnalyzer>("""
        public sealed record Tick;

        public partial class Clock : Actor
        {
            [Receive] void On(Tick _) => {|TA2001:Environment.ExitCode|} = 3;
        }
        """);

    [Fact]
    public Task Types_allowed_in_editorconfig_are_accepted() => Verify.Analyzer<StaticStateAnalyzer>("""
        public sealed record Tick;

        public sealed class Metrics
        {
            public void Count() => Interlocked.Increment(ref _count);
            private long _count;
        }

        public static class Telemetry
        {
            public static readonly Metrics Metrics = new();
            public static readonly List<int> Samples = [];
        }

        public partial class Clock : Actor
        {
            [Receive]
            void On(Tick _)
            {
                Telemetry.Metrics.Count();
                {|TA2001:Telemetry.Samples|}.Add(1);
            }
        }
        """, editorConfig: "typedactors.TA2001.allowed_types = Metrics, MyApp.Other\n");

    [Fact]
    public Task The_fix_makes_an_actors_static_field_an_instance_field() => Verify.CodeFix<StaticStateAnalyzer, StaticStateCodeFixProvider>("""
        public sealed record Tick;

        public partial class Clock : Actor
        {
            private static List<int> s_seen = [];

            [Receive] void On(Tick _) => {|TA2001:s_seen|}.Add(1);
        }
        """, """
        public sealed record Tick;

        public partial class Clock : Actor
        {
            private List<int> s_seen = [];

            [Receive] void On(Tick _) => s_seen.Add(1);
        }
        """);

    [Fact]
    public Task The_fix_makes_a_never_reassigned_immutable_static_readonly() => Verify.CodeFix<StaticStateAnalyzer, StaticStateCodeFixProvider>("""
        public sealed record Tick;

        public static class Settings
        {
            public static string Greeting = "hello";
        }

        public partial class Clock : Actor
        {
            [Receive] int On(Tick _) => {|TA2001:Settings.Greeting|}.Length;
        }
        """, """
        public sealed record Tick;

        public static class Settings
        {
            public static readonly string Greeting = "hello";
        }

        public partial class Clock : Actor
        {
            [Receive] int On(Tick _) => Settings.Greeting.Length;
        }
        """);
}
