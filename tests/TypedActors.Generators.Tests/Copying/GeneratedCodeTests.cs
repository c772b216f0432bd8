namespace TypedActors.Generators.Tests.Copying;

public class GeneratedCodeTests
{
    private const string Shapes = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using TypedActors;

        namespace Shop
        {
            public enum Status { Open, Closed }
            public sealed record Line(string Sku, int Quantity, decimal Price);
            public sealed class Order
            {
                public int Id { get; set; }
                public List<Line> Lines { get; set; } = new();
                public Dictionary<string, List<int>> Tags { get; init; } = new();
                public IReadOnlyDictionary<string, Line[]>? Index { get; set; }
                public IList<HashSet<Guid>> Sets { get; set; } = new List<HashSet<Guid>>();
                public string? Note { get; set; }
                public int @class { get; set; }
            }
            public abstract record Shape { public string? Label { get; set; } }
            public sealed record Circle(double Radius) : Shape;
            public record Polygon(List<double> Sides) : Shape;
            public sealed record Triangle(List<double> Sides, bool Right) : Polygon(Sides);
            public interface IEvent { }
            public sealed record Opened(DateTimeOffset At) : IEvent;
            public readonly record struct Moved(int X, int Y, List<int>? Trail) : IEvent;
            public sealed class Node { public int Value { get; set; } public Node? Next { get; set; } public List<Node> Children { get; } = new(); public Node(List<Node> children) { Children = children; } public Node() { } }
            public struct Bucket { public int Count; public List<string>? Items; }
            public sealed record Everything(
                (int A, List<string> B) Pair, Tuple<int, List<int>>? Old, ImmutableArray<Line> Lines, ImmutableList<List<int>> Lists,
                ImmutableDictionary<string, Order> Orders, ImmutableHashSet<string> Names, Status? Status, Bucket? MaybeBucket,
                Moved? Move, IEnumerable<Order> Seq, ICollection<int> Col, IDictionary<int, string?> Map, byte[] Bytes, Order?[] Maybe);
            [Immutable] public class Stamp { public Stamp(string text) => Text = text; public string Text { get; } }
            public sealed record Envelope<T>(T Body, ActorRef<Shop> ReplyTo, Address From);
            public sealed record Reply(List<Order> Orders);

            public partial class Shop : Actor
            {
                [Receive] void On(Order m) { }
                [Receive] void On(Shape m) { }
                [Receive] void On(IEvent m) { }
                [Receive] void On(Node m) { }
                [Receive] void On(Bucket m) { }
                [Receive] void On(Everything m) { }
                [Receive] void On(Stamp m) { }
                [Receive] void On(Envelope<Order> m) { }
                [Receive] Reply On(Line m) => new(new List<Order>());
                [Receive] global::System.Threading.Tasks.Task<(int, Order)> On(Status m) => global::System.Threading.Tasks.Task.FromResult((1, new Order()));
            }
        }
        """;

    [Fact]
    public void Generated_copiers_and_formatters_compile_without_any_warning_under_Nullable_enable()
    {
        CopyGeneratorHarness.Result result = CopyGeneratorHarness.Run(Shapes);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompileDiagnostics);
        Assert.Contains("TypedActors.MessageRegistry.g.cs", result.Files.Keys);
        Assert.Contains("Shop.Order.Message.g.cs", result.Files.Keys);
        Assert.Contains("Shop.Envelope_Shop.Order_.Message.g.cs", result.Files.Keys);
    }

    [Fact]
    public void Each_file_states_the_immutability_verdict_and_its_reason()
    {
        IReadOnlyDictionary<string, string> files = CopyGeneratorHarness.Run(Shapes).Files;

        Assert.Contains("// Immutability: immutable: sealed, every field readonly and of an immutable type", files["Shop.Line.Message.g.cs"]);
        Assert.Contains("// Immutability: immutable: declared [Immutable]", files["Shop.Stamp.Message.g.cs"]);
        Assert.Contains("// Immutability: mutable: property 'Id' has a setter", files["Shop.Order.Message.g.cs"]);
        Assert.Contains("// Immutability: mutable: it is abstract", files["Shop.Shape.Message.g.cs"]);
        Assert.Contains("// Immutability: mutable: member 'Trail' (System.Collections.Generic.List<int>) is a mutable collection", files["Shop.Moved.Message.g.cs"]);
    }

    [Fact]
    public void A_value_type_of_immutable_members_is_immutable_even_with_settable_fields()
    {
        string file = CopyGeneratorHarness.Run("""
            using TypedActors;
            public struct Point { public int X; public int Y { get; set; } }
            public partial class A : Actor { [Receive] void On(Point p) { } }
            """).Files["Point.Message.g.cs"];

        Assert.Contains("// Immutability: immutable: a value type whose members are all of immutable types", file);
    }

    [Fact]
    public void An_immutable_type_gets_no_copier_and_a_mutable_one_does()
    {
        IReadOnlyDictionary<string, string> files = CopyGeneratorHarness.Run(Shapes).Files;

        Assert.DoesNotContain("_Copier", files["Shop.Line.Message.g.cs"]);
        Assert.Contains("RegisterImmutable<global::Shop.Line>", files["TypedActors.MessageRegistry.g.cs"]);
        Assert.Contains("internal static class Shop_Order_Copier", files["Shop.Order.Message.g.cs"]);
        Assert.Contains("Register<global::Shop.Order>(static value =>", files["TypedActors.MessageRegistry.g.cs"]);
    }

    [Fact]
    public void Recursive_types_are_guarded_and_others_are_not()
    {
        IReadOnlyDictionary<string, string> files = CopyGeneratorHarness.Run(Shapes).Files;

        Assert.Contains("CycleGuard.Enter(value);", files["Shop.Node.Message.g.cs"]);
        Assert.DoesNotContain("CycleGuard", files["Shop.Order.Message.g.cs"]);
    }

    [Fact]
    public void A_base_type_with_derived_types_is_a_union_most_derived_first()
    {
        string shape = CopyGeneratorHarness.Run(Shapes).Files["Shop.Shape.Message.g.cs"];

        int triangle = shape.IndexOf("case global::Shop.Triangle", StringComparison.Ordinal);
        int polygon = shape.IndexOf("case global::Shop.Polygon", StringComparison.Ordinal);
        Assert.True(triangle > 0 && polygon > triangle, "Triangle must be matched before its base Polygon.");
        Assert.Contains("WireKey DerivedName", shape);
        Assert.Contains("= new(\"Shop.Circle\");", shape); // the derived type's name, encoded once
        Assert.Contains(".IsExactly(wireName)", shape);
        Assert.Contains("// Wire format: union envelope", shape);
    }

    [Fact]
    public void A_type_carrying_MessagePackObject_uses_MessagePacks_own_formatter()
    {
        CopyGeneratorHarness.Result result = CopyGeneratorHarness.Run("""
            using System.Collections.Generic;
            using MessagePack;
            using TypedActors;
            [MessagePackObject] public sealed class Legacy { [Key(0)] public List<int> Values { get; set; } = new(); }
            public partial class A : Actor { [Receive] void On(Legacy m) { } }
            """);

        Assert.Empty(result.CompileDiagnostics);
        string file = result.Files["Legacy.Message.g.cs"];
        Assert.Contains("internal static class Legacy_Copier", file);
        Assert.DoesNotContain("_Formatter", file);
        Assert.Contains("// Wire format: MessagePack's own", file);
    }
}
