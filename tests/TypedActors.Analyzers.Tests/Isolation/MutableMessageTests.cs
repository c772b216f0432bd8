using TypedActors.Analyzers.CodeFixes;
using TypedActors.Analyzers.Isolation;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests.Isolation;

public sealed class MutableMessageTests
{
    [Fact]
    public Task Records_readonly_structs_and_references_are_accepted() => Verify.Analyzer<MutableMessageAnalyzer>("""
        using System.Collections.Immutable;

        public sealed record Transfer(ActorRef<Bank> From, ActorRef<Bank> To, decimal Amount);
        public readonly record struct Tick(DateTime At);
        public sealed record Batch(ImmutableArray<int> Values, ImmutableList<string> Names);
        public sealed class Frozen
        {
            public Frozen(int value) => Value = value;
            public int Value { get; }
        }

        // A value type whose fields are all of immutable types: every send copies the value, so nothing is shared.
        public struct Position
        {
            public int X;
        }

        public partial class Bank : Actor
        {
            [Receive] void On(Transfer _) { }
            [Receive] void On(Tick _) { }
            [Receive] void On(Batch _) { }
            [Receive] void On(Frozen _) { }
            [Receive] void On(Position _) { }
            [Receive] void On(string _) { }
        }
        """);

    [Fact]
    public Task Settable_properties_mutable_fields_and_collections_are_TA2004_on_each_handler() => Verify.Analyzer<MutableMessageAnalyzer>("""
        public sealed class Order
        {
            public int Quantity { get; set; }
        }

        public sealed record Basket(List<string> Items);

        public struct Trail
        {
            public List<int> Points;
        }

        // A read-only view is not immutable: the list behind it may be changed (the generator copies it on every send).
        public sealed record Names(IReadOnlyList<string> Values);

        public partial class Shop : Actor
        {
            [Receive] void On({|TA2004:Order|} _) { }
            [Receive] void On({|TA2004:Basket|} _) { }
            [Receive] void On({|TA2004:Trail?|} _) { }
            [Receive] void On({|TA2004:Names|} _) { }
        }

        public partial class Audit : Actor
        {
            [Receive] void On({|TA2004:Order|} _) { }
        }
        """);

    [Fact]
    public Task The_fix_turns_a_class_into_a_record_with_init_only_properties() => Verify.CodeFix<MutableMessageAnalyzer, MutableMessageCodeFixProvider>("""
        public sealed class Order
        {
            public int Quantity { get; set; }
            public string Product { get; set; } = "";
        }

        public partial class Shop : Actor
        {
            [Receive] void On({|TA2004:Order|} _) { }
        }

        public static class Client
        {
            public static void Send(ActorRef<Shop> shop) => shop.Tell(new Order { Quantity = 2, Product = "tea" });
        }
        """, """
        public sealed record Order
        {
            public int Quantity { get; init; }
            public string Product { get; init; } = "";
        }

        public partial class Shop : Actor
        {
            [Receive] void On(Order _) { }
        }

        public static class Client
        {
            public static void Send(ActorRef<Shop> shop) => shop.Tell(new Order { Quantity = 2, Product = "tea" });
        }
        """);
}
