using Microsoft.CodeAnalysis;
using TypedActors.Generators.Tests.Infrastructure;

namespace TypedActors.Generators.Tests;

/// <summary>
/// The generator emits nothing for an invalid actor and reports nothing: the analyzers report why (TA1xxx, tested in
/// TypedActors.Analyzers.Tests), so the generator stays a pure transform and no id is reported twice.
/// </summary>
public class InvalidActorTests
{
    [Theory]
    [InlineData("public class A : Actor { [Receive] void On(int x) { } }", "TA1001")]
    [InlineData("public partial class A : Actor { [Receive] static void On(int x) { } }", "TA1002")]
    [InlineData("public partial class A : Actor { [Receive] void On(int x, int y) { } }", "TA1002")]
    [InlineData("public partial class A : Actor { [Receive] void On(ref int x) { } }", "TA1002")]
    [InlineData("public partial class A : Actor { [Receive] void On<T>(T x) { } }", "TA1002")]
    [InlineData("public partial class A : Actor { [Receive] async void On(int x) { await Task.Yield(); } }", "TA1002")]
    [InlineData("public partial class A : Actor { [Receive] void On(object x) { } }", "TA1002")]
    [InlineData("public partial class A : Actor { [Receive] void On(int x) { } [Receive] int Other(int y) => y; }", "TA1003")]
    [InlineData("public class NotAnActor { [Receive] void On(int x) { } }", "TA1004")]
    [InlineData("public partial class A<T> : Actor { [Receive] void On(int x) { } }", "TA1006")]
    [InlineData("public class Outer { public partial class A : Actor { [Receive] void On(int x) { } } }", "TA1007")]
    [InlineData("public partial class Outer { private partial class A : Actor { [Receive] void On(int x) { } } }", "TA1008")]
    public void Invalid_actors_get_no_generated_file_and_no_generator_diagnostic(string declaration, string analyzerId)
    {
        GeneratorRun run = GeneratorHarness.Run(actorsOnly: true, "using System.Threading.Tasks; using TypedActors; namespace N; " + declaration);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Files);
        Assert.StartsWith("TA1", analyzerId, StringComparison.Ordinal); // the analyzer that explains it
    }

    [Fact]
    public void Valid_actors_report_nothing()
    {
        GeneratorRun run = GeneratorHarness.Run(Sources.Account, Sources.ReturnShapes);
        Assert.Empty(run.GeneratorDiagnostics);
    }
}
