using Microsoft.CodeAnalysis;
using TypedActors.Generators.Tests.Copying;

namespace TypedActors.Generators.Tests.Persistence;

/// <summary>TA4006: whatever a persistent actor stores (its events and the members of its snapshot) must have a wire format.</summary>
public sealed class StoredTypeDiagnosticsTests
{
    private static CopyGeneratorHarness.Result Run(string members, string types = "") => CopyGeneratorHarness.Run($$"""
        using System;
        using System.Collections.Generic;
        using TypedActors;

        public sealed record Added(int Value);
        {{types}}

        [Persistent]
        public partial class Tally : Actor
        {
            {{members}}

            [Apply] void Apply(Added e) { }
        }
        """);

    [Theory]
    [InlineData("private Action _callback = () => { };", "Persisted field 'Tally._callback'", "is the delegate 'System.Action'")]
    [InlineData("private object _anything = 1;", "Persisted field 'Tally._anything'", "is 'object'")]
    [InlineData("private System.Net.Http.HttpClient _client = new();", "Persisted field 'Tally._client'", "is the framework type 'System.Net.Http.HttpClient'")]
    [InlineData("private Dictionary<string, Func<int>> _hooks = new();", "Persisted field 'Tally._hooks'", "'Tally._hooks[]' is the delegate 'System.Func<int>'")]
    [InlineData("public List<Action> Handlers { get; } = new();", "Persisted field 'Tally.Handlers'", "'Tally.Handlers[]' is the delegate 'System.Action'")]
    public void A_persisted_member_with_no_wire_format_is_TA4006_naming_the_member_and_the_fix(string member, string subject, string problem)
    {
        CopyGeneratorHarness.Result result = Run(member);

        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "TA4006");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(subject, message);
        Assert.Contains(problem, message);
        Assert.Contains("[NotState]", message);
        Assert.NotEqual(Location.None, diagnostic.Location);
    }

    [Fact]
    public void A_member_marked_NotState_is_left_out_and_draws_nothing()
    {
        CopyGeneratorHarness.Result result = Run("[NotState] private Action _callback = () => { }; private int _count;");

        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "TA4006");
        Assert.Empty(result.CompileDiagnostics);
    }

    [Fact]
    public void An_event_type_with_a_member_that_cannot_be_serialized_is_TA4006()
    {
        CopyGeneratorHarness.Result result = Run("[Apply] void Apply(Tagged e) { }", "public sealed record Tagged(System.Text.RegularExpressions.Regex Pattern);");

        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "TA4006");
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Event type 'Tagged'", message);
        Assert.Contains("'Tagged.Pattern'", message);
    }

    [Fact]
    public void A_field_of_a_base_actor_class_is_TA4006_since_the_snapshot_cannot_reach_it()
    {
        CopyGeneratorHarness.Result result = CopyGeneratorHarness.Run("""
            using TypedActors;

            public sealed record Added(int Value);

            public abstract partial class Counter : Actor
            {
                private int _total;
                protected void Add(int value) => _total += value;
            }

            [Persistent]
            public partial class Tally : Counter
            {
                [Apply] void Apply(Added e) => Add(e.Value);
            }
            """);

        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "TA4006");
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'Counter._total'", message);
        Assert.Contains("is declared by the base class 'Counter'", message);
    }
}
