using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedActors.Generators.Actors;
using TypedActors.Generators.Tests.Infrastructure;

namespace TypedActors.Generators.Tests;

public class CachingTests
{
    private const string Unrelated = """
        namespace Elsewhere;
        public static class Helpers
        {
            public static int Twice(int x) => x * 2;
        }
        """;

    [Fact]
    public void An_unrelated_edit_leaves_every_actor_output_cached()
    {
        GeneratorRunResult result = RunThenEditUnrelated(Sources.Account, Sources.Special);
        IncrementalStepRunReason[] actorReasons =
            [.. Reasons(result, ActorGenerator.Steps.HandlerOwners), .. Reasons(result, ActorGenerator.Steps.ActorsWithoutHandlers)];
        Assert.NotEmpty(actorReasons);
        Assert.All(actorReasons, reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step ran with {reason}"));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), output => Assert.True(
            output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output ran with {output.Reason}"));
    }

    [Fact]
    public void An_unrelated_edit_leaves_the_problems_of_an_actor_that_is_not_partial_cached_and_still_reported()
    {
        const string notPartial = "using TypedActors; namespace N; public sealed record Ping; public class A : Actor { [Receive] void On(Ping p) { } }";
        GeneratorRunResult result = RunThenEditUnrelated(notPartial);
        IncrementalStepRunReason[] reasons = Reasons(result, ActorGenerator.Steps.ExtensionProblems);
        Assert.Single(reasons);
        Assert.All(reasons, reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step ran with {reason}"));
        Assert.Equal("TA1001", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void An_edit_inside_a_handler_body_keeps_the_model_unchanged()
    {
        CSharpCompilation first = GeneratorHarness.Compile(Sources.Account);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true, actorsOnly: true).RunGenerators(first);

        SyntaxTree tree = first.SyntaxTrees.Single();
        string text = tree.ToString();
        SyntaxTree edited = tree.WithChangedText(tree.GetText().Replace(text.IndexOf("=> _balance;", StringComparison.Ordinal), 12, "=> _balance + 0m;"));
        driver = driver.RunGenerators(first.ReplaceSyntaxTree(tree, edited));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        // The edited file's actor was parsed again and gave an equal model: its step is not Modified.
        IncrementalStepRunReason[] ownerReasons = Reasons(result, ActorGenerator.Steps.HandlerOwners);
        Assert.Single(ownerReasons);
        Assert.All(ownerReasons, reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step ran with {reason}"));
        IncrementalStepRunReason[] outputReasons = [.. result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason)];
        Assert.NotEmpty(outputReasons);
        Assert.All(outputReasons, reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output ran with {reason}"));
    }

    [Fact]
    public void An_actor_with_several_handlers_is_parsed_once()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Sources.Account);
        GeneratorRunResult result = GeneratorHarness.CreateDriver(trackSteps: true, actorsOnly: true)
            .RunGenerators(compilation).GetRunResult().Results.Single();

        // Account declares three [Receive] methods: one model, from the first of them.
        Assert.Equal(3, compilation.SyntaxTrees.Single().ToString().Split("[Receive]").Length - 1);
        Assert.Single(Reasons(result, ActorGenerator.Steps.HandlerOwners));
        Assert.Equal("Bank.Account.Actor.g.cs", Assert.Single(result.GeneratedSources).HintName);
    }

    [Fact]
    public void A_partial_actor_without_handlers_declared_in_two_files_is_parsed_once()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(
            "namespace Split; public partial class Idle : TypedActors.Actor { private int _a; }",
            "namespace Split; public partial class Idle { private int _b; }");
        GeneratorRunResult result = GeneratorHarness.CreateDriver(trackSteps: true, actorsOnly: true)
            .RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Single(Reasons(result, ActorGenerator.Steps.ActorsWithoutHandlers));
        Assert.Equal("Split.Idle.Actor.g.cs", Assert.Single(result.GeneratedSources).HintName);
    }

    [Fact]
    public void A_handler_body_edit_in_one_of_many_actors_regenerates_nothing()
    {
        string[] actors = [.. Enumerable.Range(0, 20).Select(i => $$"""
            namespace Many;
            public sealed record Ping{{i}}(int Value);
            public partial class Actor{{i}} : TypedActors.Actor
            {
                [TypedActors.Receive] int On(Ping{{i}} m) => m.Value + {{i}};
                [TypedActors.Receive] void On(string m) { }
            }
            """)];
        CSharpCompilation first = GeneratorHarness.Compile(actors);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true, actorsOnly: true).RunGenerators(first);

        SyntaxTree tree = first.SyntaxTrees.First();
        int at = tree.ToString().IndexOf("m.Value + 0", StringComparison.Ordinal);
        driver = driver.RunGenerators(first.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(at, 11, "m.Value * 2"))));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        IncrementalStepRunReason[] owners = Reasons(result, ActorGenerator.Steps.HandlerOwners);
        Assert.Equal(20, owners.Length);
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, owners);
        Assert.DoesNotContain(IncrementalStepRunReason.New, owners);
        Assert.Equal(20, result.GeneratedSources.Length);
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), output => Assert.True(
            output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output ran with {output.Reason}"));
    }

    [Fact]
    public void Adding_a_handler_regenerates_that_actor()
    {
        CSharpCompilation first = GeneratorHarness.Compile(Sources.Account);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true, actorsOnly: true).RunGenerators(first);

        SyntaxTree tree = first.SyntaxTrees.Single();
        string text = tree.ToString();
        int insertAt = text.IndexOf("[Receive] decimal", StringComparison.Ordinal);
        SyntaxTree edited = tree.WithChangedText(tree.GetText().Replace(insertAt, 0, "[Receive] int On(int code) => code;\n    "));
        driver = driver.RunGenerators(first.ReplaceSyntaxTree(tree, edited));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, ActorGenerator.Steps.HandlerOwners));
        Assert.Contains("case int m:", result.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Runs the actor generator over <paramref name="sources"/> and an unrelated file, edits that file, runs again.</summary>
    private static GeneratorRunResult RunThenEditUnrelated(params string[] sources)
    {
        CSharpCompilation first = GeneratorHarness.Compile([.. sources, Unrelated]);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true, actorsOnly: true).RunGenerators(first);

        SyntaxTree unrelatedTree = first.SyntaxTrees.Last();
        SyntaxTree edited = unrelatedTree.WithChangedText(
            unrelatedTree.GetText().Replace(unrelatedTree.ToString().IndexOf("x * 2", StringComparison.Ordinal), 5, "x + x"));
        return driver.RunGenerators(first.ReplaceSyntaxTree(unrelatedTree, edited)).GetRunResult().Results.Single();
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult result, string step) =>
        [.. result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason)];
}
