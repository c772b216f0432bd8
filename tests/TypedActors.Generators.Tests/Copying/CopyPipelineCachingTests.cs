using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedActors.Generators.Messages;

namespace TypedActors.Generators.Tests.Copying;

public class CopyPipelineCachingTests
{
    private const string Source = """
        using System.Collections.Generic;
        using TypedActors;
        public sealed record Line(string Sku);
        public sealed class Order { public List<Line> Lines { get; set; } = new(); }
        public partial class Shop : Actor { [Receive] void On(Order m) { } [Receive] int On(Line m) => 1; }
        """;

    [Fact]
    public void An_unrelated_edit_reuses_every_message_model()
    {
        CSharpCompilation compilation = CopyGeneratorHarness.Compilation(Source);
        GeneratorDriver driver = CopyGeneratorHarness.Driver().RunGenerators(compilation);

        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("public static class Unrelated { public const int Answer = 42; }", path: "Unrelated.cs"));
        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results
            .Single(r => r.Generator.GetGeneratorType() == typeof(MessageCopyGenerator));

        IncrementalStepRunReason[] handlers = Reasons(run, MessageCopyGenerator.Steps.HandlerMessageTypes);
        IncrementalStepRunReason[] models = Reasons(run, MessageCopyGenerator.Steps.MessageTypeModels);
        Assert.Equal(2, handlers.Length);
        Assert.All(handlers, r => Assert.Contains(r, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.Equal(2, models.Length);
        Assert.All(models, r => Assert.Contains(r, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
    }

    [Fact]
    public void Editing_a_message_type_regenerates_its_model()
    {
        CSharpCompilation compilation = CopyGeneratorHarness.Compilation(Source);
        GeneratorDriver driver = CopyGeneratorHarness.Driver().RunGenerators(compilation);

        SyntaxTree old = compilation.SyntaxTrees.Single();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(old,
            CSharpSyntaxTree.ParseText(Source.Replace("string Sku", "string Sku, int Quantity"), (CSharpParseOptions)old.Options, old.FilePath));
        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results
            .Single(r => r.Generator.GetGeneratorType() == typeof(MessageCopyGenerator));

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(run, MessageCopyGenerator.Steps.MessageTypeModels));
        Assert.Contains("Quantity", run.GeneratedSources.Single(s => s.HintName == "Line.Message.g.cs").SourceText.ToString());
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult run, string step) =>
        [.. run.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason)];
}
