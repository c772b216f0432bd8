using Microsoft.CodeAnalysis;
using TypedActors.Generators.Tests.Infrastructure;

namespace TypedActors.Generators.Tests;

public class GeneratorDiagnosticsTests
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
    public void Invalid_actors_get_a_clear_error_and_no_generated_file(string declaration, string id)
    {
        GeneratorRun run = GeneratorHarness.Run(actorsOnly: true, "using System.Threading.Tasks; using TypedActors; namespace N; " + declaration);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path); // points into the user's file
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Empty(run.Files);
    }

    [Fact]
    public void Valid_actors_report_nothing()
    {
        GeneratorRun run = GeneratorHarness.Run(Sources.Account, Sources.ReturnShapes);
        Assert.Empty(run.GeneratorDiagnostics);
    }
}
