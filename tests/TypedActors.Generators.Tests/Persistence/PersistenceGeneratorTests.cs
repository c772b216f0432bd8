using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedActors.Generators.Persistence;
using TypedActors.Generators.Tests.Infrastructure;

namespace TypedActors.Generators.Tests.Persistence;

public sealed class PersistenceGeneratorTests
{
    [Theory]
    [InlineData("PersistentAccount", PersistentSources.Account)]
    [InlineData("PersistentShapes", PersistentSources.Shapes)]
    [InlineData("PersistentRenamed", PersistentSources.Renamed)]
    public void Generated_code_matches_the_snapshot(string name, string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        Snapshot.Verify(name, run.Files);
    }

    [Theory]
    [InlineData(PersistentSources.Account)]
    [InlineData(PersistentSources.Shapes)]
    [InlineData(PersistentSources.Renamed)]
    public void Generated_code_compiles_without_warnings_under_nullable(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void A_persistent_actor_gets_a_persistence_part_and_its_event_and_field_types_get_formatters()
    {
        GeneratorRun run = GeneratorHarness.Run(PersistentSources.Shapes);

        Assert.Contains("Shapes.Outer.Board.Persistence.g.cs", run.Files.Keys);
        Assert.Contains("Shapes.Moved.Message.g.cs", run.Files.Keys); // an event no handler takes still gets its formatter
        Assert.Contains("Shapes.Named.Message.g.cs", run.Files.Keys);
        string registry = run.Files["TypedActors.MessageRegistry.g.cs"];
        Assert.Contains("Register<global::System.Collections.Generic.Dictionary<string, int>?>", registry);
        Assert.Contains("Register<global::System.Collections.Immutable.ImmutableList<string>?>", registry);
        Assert.DoesNotContain("_random", run.Files["Shapes.Outer.Board.Persistence.g.cs"]);
    }

    [Fact]
    public void A_class_the_generator_cannot_extend_gets_no_persistence_part()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using TypedActors;
            public sealed record Added(int Value);
            [Persistent] public class NotPartial : Actor { private int _sum; [Apply] void Apply(Added e) => _sum += e.Value; }
            [Persistent] public partial class NotAnActor { }
            """);

        Assert.DoesNotContain(run.Files.Keys, name => name.EndsWith(".Persistence.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void An_edit_inside_an_apply_body_keeps_the_model_cached_and_a_new_field_changes_it()
    {
        CSharpCompilation first = GeneratorHarness.Compile(PersistentSources.Account);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true, actorsOnly: true).RunGenerators(first);
        SyntaxTree tree = first.SyntaxTrees.Single();

        SyntaxTree bodyEdit = Edit(tree, "_balance -= e.Amount;", "_balance -= e.Amount * 1;");
        driver = driver.RunGenerators(first.ReplaceSyntaxTree(tree, bodyEdit));
        IncrementalStepRunReason[] afterBody = Reasons(driver, PersistencePipeline.PersistentActorsStep);
        Assert.NotEmpty(afterBody);
        Assert.All(afterBody, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step ran with {reason}"));

        SyntaxTree fieldEdit = Edit(bodyEdit, "private decimal _balance;", "private decimal _balance;\n    private int _count;");
        driver = driver.RunGenerators(first.ReplaceSyntaxTree(tree, fieldEdit));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(driver, PersistencePipeline.PersistentActorsStep));
        Assert.Contains("_count", driver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.EndsWith(".Persistence.g.cs", StringComparison.Ordinal)).ToString());
    }

    private static SyntaxTree Edit(SyntaxTree tree, string find, string replace)
    {
        string text = tree.ToString();
        return tree.WithChangedText(tree.GetText().Replace(text.IndexOf(find, StringComparison.Ordinal), find.Length, replace));
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorDriver driver, string step) =>
        [.. driver.GetRunResult().Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason)];
}
