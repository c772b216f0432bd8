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
        CSharpCompilation first = GeneratorHarness.Compile(Sources.Account, Sources.Special, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true, actorsOnly: true).RunGenerators(first);

        SyntaxTree unrelatedTree = first.SyntaxTrees.Last();
        SyntaxTree edited = unrelatedTree.WithChangedText(
            unrelatedTree.GetText().Replace(unrelatedTree.ToString().IndexOf("x * 2", StringComparison.Ordinal), 5, "x + x"));
        CSharpCompilation second = first.ReplaceSyntaxTree(unrelatedTree, edited);
        driver = driver.RunGenerators(second);

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        IncrementalStepRunReason[] actorReasons = Reasons(result, ActorGenerator.Steps.Actors);
        Assert.NotEmpty(actorReasons);
        Assert.All(actorReasons, reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step ran with {reason}"));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), output => Assert.True(
            output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output ran with {output.Reason}"));
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
        // The edited file's handlers were parsed again (Unchanged, not Cached) and gave an equal model (not Modified).
        IncrementalStepRunReason[] ownerReasons = Reasons(result, ActorGenerator.Steps.HandlerOwners);
        Assert.Contains(IncrementalStepRunReason.Unchanged, ownerReasons);
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, ownerReasons);
        Assert.All(Reasons(result, ActorGenerator.Steps.Actors), reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step ran with {reason}"));
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
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, ActorGenerator.Steps.Actors));
        Assert.Contains("case int m:", result.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult result, string step) =>
        [.. result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason)];
}
