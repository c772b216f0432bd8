namespace TypedActors.Generators.Tests.Copying;

public class CopyDiagnosticsTests
{
    private static CopyGeneratorHarness.Result Run(string types, string handler) => CopyGeneratorHarness.Run(Source(types, handler));

    private static string Source(string types, string handler) =>
        $$"""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            using TypedActors;

            {{types}}

            public partial class Helper : Actor { }

            public partial class Target : Actor
            {
                {{handler}}
            }
            """;

    [Theory]
    [InlineData("public sealed record Line(Action Callback); public sealed record Order(List<Line> Lines);",
        "Order.Lines[].Callback", "is the delegate 'System.Action'")]
    [InlineData("public sealed class Order { public Task<int> Pending { get; set; } = Task.FromResult(1); }",
        "Order.Pending", "is the task 'System.Threading.Tasks.Task<int>'")]
    [InlineData("public sealed class Order { public MemoryStream Body { get; set; } = new(); }",
        "Order.Body", "is the stream 'System.IO.MemoryStream'")]
    [InlineData("public sealed record Order(Helper Worker);",
        "Order.Worker", "is the actor 'Helper'; send its ActorRef<Helper> instead")]
    [InlineData("public sealed unsafe class Order { public int* Pointer; }",
        "Order.Pointer", "is a pointer")]
    [InlineData("public sealed record Order(object Anything);",
        "Order.Anything", "is 'object'")]
    [InlineData("public sealed record Order(Dictionary<string, Func<int>> Hooks);",
        "Order.Hooks[]", "is the delegate 'System.Func<int>'")]
    [InlineData("public sealed record Order((int Id, Action Undo) Step);",
        "Order.Step.Item2", "is the delegate 'System.Action'")]
    [InlineData("public sealed class Order { private Order() { } public List<int> Items { get; set; } = new(); }",
        "Order", "has no accessible constructor")]
    [InlineData("public sealed class Order { public Order(int id) { } public List<int> Items { get; set; } = new(); }",
        "Order", "has no accessible constructor whose parameters all match readable members")]
    [InlineData("public sealed class Order { public List<int> Items { get; } = null!; public Order() { Items = new(); } public int Hidden { get; } }",
        "Order", "has the get-only member 'Hidden'")]
    [InlineData("public abstract record Shape; public sealed record Blob(Action Grow) : Shape; public sealed record Order(Shape Shape);",
        "Order.Shape(Blob).Grow", "is the delegate 'System.Action'")]
    public void An_uncopyable_member_is_a_compile_error_naming_its_path(string types, string path, string problem)
    {
        CopyGeneratorHarness.Result result = Run(types, "[Receive] void On(Order m) { }");

        string message = Assert.Single(result.Messages("TA2005"));
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, result.GeneratorDiagnostics.Single(d => d.Id == "TA2005").Severity);
        Assert.StartsWith($"Message type 'Order' cannot be copied: '{path}' {problem}", message);
    }

    [Fact]
    public void An_uncopyable_reply_type_is_reported_as_a_reply()
    {
        CopyGeneratorHarness.Result result = Run(
            "public sealed record Ping; public sealed record Pong(Func<int> Later);",
            "[Receive] Pong On(Ping m) => new(() => 1);");

        Assert.StartsWith("Reply type 'Pong' cannot be copied: 'Pong.Later' is the delegate", Assert.Single(result.Messages("TA2005")));
    }

    [Fact]
    public void Every_uncopyable_member_is_reported_once()
    {
        CopyGeneratorHarness.Result result = Run(
            "public sealed class Order { public Action? A { get; set; } public Action? B { get; set; } public Order? Self { get; set; } }",
            "[Receive] void On(Order m) { } [Receive] void On(List<Order> m) { }");

        Assert.Equal(
            ["'Order.A'", "'Order.B'", "'List<Order>[].A'", "'List<Order>[].B'"],
            result.Messages("TA2005").Select(m => m.Split(':')[1].Trim().Split(' ')[0]));
    }

    [Fact]
    public void A_Span_message_is_left_to_the_signature_rule()
    {
        // A ref struct cannot be a message at all: TA1002 (an analyzer) rejects the handler, so the copy generator
        // neither emits nor reports anything for it.
        CopyGeneratorHarness.Result result = Run("", "[Receive] void On(Span<int> m) { }");

        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id.StartsWith("TA2", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Files.Keys, name => name.Contains("Span", StringComparison.Ordinal));
    }

    [Fact]
    public void An_immutable_type_that_cannot_be_rebuilt_is_only_a_serialization_warning()
    {
        CopyGeneratorHarness.Result result = Run(
            "public sealed class Order { private Order(int id) => Id = id; public int Id { get; } public static Order Create(int id) => new(id); }",
            "[Receive] void On(Order m) { }");

        Assert.Empty(result.Messages("TA2005"));
        var warning = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "TA2006");
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("has no accessible constructor", warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("// Wire format: none", result.Files["Order.Message.g.cs"]);
    }

    [Fact]
    public void A_type_the_generator_cannot_prove_is_accepted_when_marked_Immutable()
    {
        CopyGeneratorHarness.Result result = Run(
            "[Immutable] public class Order { public Order(string id) => Id = id; public string Id { get; } }",
            "[Receive] void On(Order m) { }");

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompileDiagnostics);
        Assert.Contains("// Immutability: immutable: declared [Immutable]", result.Files["Order.Message.g.cs"]);
    }

    [Fact]
    public void The_diagnostic_points_at_the_handlers_message_parameter()
    {
        string source = Source("public sealed record Order(Action Go);", "[Receive] void On(Order message) { }");
        CopyGeneratorHarness.Result result = CopyGeneratorHarness.Run(source);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "TA2005");
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal("message", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }
}
