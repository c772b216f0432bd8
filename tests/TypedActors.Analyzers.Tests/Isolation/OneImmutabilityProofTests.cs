using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests.Isolation;

/// <summary>
/// The analyzers and the generator judge immutability with one proof: for each type below, what the analyzers'
/// <see cref="TypeMutability"/> says equals what the generator did with it, read from the registry it generated
/// (<c>RegisterImmutable&lt;T&gt;</c>: passed by reference; <c>Register&lt;T&gt;</c>: deep-copied).
/// </summary>
public sealed partial class OneImmutabilityProofTests
{
    private const string Types = """
        using System.Collections.Immutable;
        using System.Text.RegularExpressions;

        namespace Proof;

        public sealed record Point(int X, int Y);
        public record Open(int X);
        public sealed class Settable { public int X { get; set; } }
        public sealed class Frozen { public Frozen(int value) => Value = value; public int Value { get; } }
        public sealed class PrivatelyMutable { private int _count; public PrivatelyMutable(int count) => _count = count; public int Count => _count; }
        [Immutable] public sealed class Asserted { public Asserted(List<int> items) => Items = items; public List<int> Items { get; } }
        public struct Bucket { public int Count; }
        public struct Holder { public List<int>? Items; }
        public sealed record Node(int Value, Node? Next);
        public sealed record ReadOnlyView(IReadOnlyList<int> Items);
        public sealed record Frozen2(ImmutableArray<string> Items, ImmutableDictionary<string, Point> ByName);
        public sealed record WithRegex(Regex Pattern);
        public sealed record WithInt128(Int128 Big, Type Kind);
        public sealed record WithTuple((int Count, string Name) Pair, Point? Maybe);
        public sealed record WithMutableTuple((int, List<int>) Pair);
        public sealed record WithArray(int[] Values);
        public sealed record Envelope<T>(T Body);
        public abstract record Shape;
        public sealed record Circle(double Radius) : Shape;
        public interface IEvent { }
        public sealed record Opened(DateTimeOffset At) : IEvent;
        public sealed record Greeting(string Text, ActorRef<Probe> ReplyTo, Address From);
        public enum Color { Red }

        public partial class Probe : Actor
        {
            [Receive] void On(Point _) { }
            [Receive] void On(Open _) { }
            [Receive] void On(Settable _) { }
            [Receive] void On(Frozen _) { }
            [Receive] void On(PrivatelyMutable _) { }
            [Receive] void On(Asserted _) { }
            [Receive] void On(Bucket _) { }
            [Receive] void On(Holder _) { }
            [Receive] void On(Node _) { }
            [Receive] void On(ReadOnlyView _) { }
            [Receive] void On(Frozen2 _) { }
            [Receive] void On(WithRegex _) { }
            [Receive] void On(WithInt128 _) { }
            [Receive] void On(WithTuple _) { }
            [Receive] void On(WithMutableTuple _) { }
            [Receive] void On(WithArray _) { }
            [Receive] void On(Envelope<string> _) { }
            [Receive] void On(Envelope<List<int>> _) { }
            [Receive] void On(Shape _) { }
            [Receive] void On(IEvent _) { }
            [Receive] void On(Greeting _) { }
            [Receive] void On(Color _) { }
            [Receive] void On(int[] _) { }
            [Receive] void On(List<int> _) { }
            [Receive] void On(IReadOnlyList<string> _) { }
            [Receive] void On((int, string) _) { }
            [Receive] void On(ImmutableList<int> _) { }
            [Receive] void On(string _) { }
            [Receive] void On(Guid _) { }
        }
        """;

    [Fact]
    public void Every_type_gets_the_same_verdict_from_the_analyzers_and_the_generator()
    {
        CSharpCompilation compilation = WholeCompilation.Create([Types]);
        GeneratorDriverRunResult run = WholeCompilation.Generators().RunGenerators(compilation).GetRunResult();
        string registry = run.GeneratedTrees.Single(t => t.FilePath.EndsWith("TypedActors.MessageRegistry.g.cs", StringComparison.Ordinal)).ToString();
        Dictionary<string, bool> generator = Registration().Matches(registry)
            .ToDictionary(m => m.Groups["type"].Value, m => m.Groups["how"].Value == "RegisterImmutable");

        var analyzers = new TypeMutability(compilation);
        ITypeSymbol[] handled = [.. compilation.GetTypeByMetadataName("Proof.Probe")!.GetMembers().OfType<IMethodSymbol>()
            .Where(m => m.Name == "On").Select(m => m.Parameters[0].Type)];

        Assert.Equal(29, handled.Length);
        var disagreements = new List<string>();
        foreach (ITypeSymbol type in handled)
        {
            string name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            Assert.True(generator.TryGetValue(name, out bool passedByReference), $"The generator registered no copier for {name}.");
            if (passedByReference != analyzers.IsImmutable(type))
            {
                disagreements.Add($"{name}: generator {(passedByReference ? "immutable" : "mutable")}, analyzers {analyzers.MutabilityReason(type) ?? "immutable"}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
        Assert.Equal(
            ["(int, string)", "Asserted", "Bucket", "Color", "Envelope<string>", "Frozen", "Frozen2", "Greeting", "Guid", "ImmutableList<int>",
             "Node", "Point", "WithInt128", "WithRegex", "WithTuple", "string"],
            handled.Where(analyzers.IsImmutable).Select(t => t.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)).Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"CopierRegistry\.(?<how>RegisterImmutable|Register)<(?<type>.+?)>\((?:byRuntimeType|static value)")]
    private static partial Regex Registration();
}
