using Microsoft.CodeAnalysis;
using TypedActors.Generators.Tests.Infrastructure;

namespace TypedActors.Generators.Tests;

/// <summary>
/// For an invalid actor the generator emits what still compiles, so that the analyzers' TA error is the build's only
/// error (the analyzers do not run at all after a declaration error such as CS0534). It reports nothing itself, except
/// for a class it cannot extend (TA1001, TA1007): the compiler prints generator diagnostics before its own errors, so
/// that error comes before any error of code using what the generator could not add. Which TA id each of these gets is
/// tested with the analyzers and the generator together, in TypedActors.Analyzers.Tests.
/// </summary>
public class InvalidActorTests
{
    private const string Usings = "using System.Threading.Tasks; using TypedActors; namespace N; public sealed record Ping; ";

    [Theory]
    [InlineData("public class A : Actor { [Receive] void On(int x) { } }", "A", "TA1001", "A", "Actor class 'A' must be declared partial")]
    [InlineData("public class Outer { public partial class A : Actor { [Receive] void On(int x) { } } }", "Outer.A", "TA1007", "A", "Actor class 'A' is nested in 'Outer'")]
    public void A_class_the_generator_cannot_extend_gets_only_its_typed_references_and_compiles(
        string declaration, string actor, string id, string reportedAt, string message)
    {
        string source = Usings + declaration + $" public static class Sender {{ public static void Send(ActorRef<{actor}> a) => a.Tell(1); }}";
        GeneratorRun run = GeneratorHarness.Run(actorsOnly: true, source);

        Diagnostic reported = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, reported.Id);
        Assert.StartsWith(message, reported.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.True(reported.Location.IsInSource, "a generator diagnostic needs a source location, for #pragma and .editorconfig");
        Assert.Equal(source.IndexOf($"class {reportedAt} :", StringComparison.Ordinal) + "class ".Length, reported.Location.SourceSpan.Start);
        Assert.Empty(run.CompilationProblems);
        string file = Assert.Single(run.Files.Values);
        Assert.DoesNotContain("partial class", file, StringComparison.Ordinal);
        Assert.Contains("static void Tell(this global::TypedActors.ActorRef<global::N.", file, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public partial class A : Actor { [Receive] static void On(int x) { } [Receive] void On(Ping p) { } }")]
    [InlineData("public partial class A : Actor { [Receive] void On(int x, int y) { } [Receive] void On(Ping p) { } }")]
    [InlineData("public partial class A : Actor { [Receive] void On(ref int x) { } [Receive] void On(Ping p) { } }")]
    [InlineData("public partial class A : Actor { [Receive] void On<T>(T x) { } [Receive] void On(Ping p) { } }")]
    [InlineData("public partial class A : Actor { [Receive] async void On(int x) { await Task.Yield(); } [Receive] void On(Ping p) { } }")]
    [InlineData("public partial class A : Actor { [Receive] void On(object x) { } [Receive] void On(Ping p) { } }")]
    public void An_invalid_handler_is_left_out_and_the_rest_of_the_actor_is_generated(string declaration)
    {
        GeneratorRun run = GeneratorHarness.Run(actorsOnly: true, Usings + declaration + Sender);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
        string file = Assert.Single(run.Files.Values);
        Assert.Contains("case global::N.Ping m:", file, StringComparison.Ordinal);
        Assert.Single(file.Split('\n'), line => line.TrimStart().StartsWith("case ", StringComparison.Ordinal));
    }

    [Fact]
    public void Of_two_handlers_for_one_message_type_the_first_is_dispatched()
    {
        GeneratorRun run = GeneratorHarness.Run(
            actorsOnly: true, Usings + "public partial class A : Actor { [Receive] void First(int x) { } [Receive] int Second(int y) => y; }");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
        string file = Assert.Single(run.Files.Values);
        Assert.Contains("case int m:", file, StringComparison.Ordinal);
        Assert.Contains("First(m);", file, StringComparison.Ordinal);
        Assert.DoesNotContain("Second(m)", file, StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_nested_actor_gets_its_class_part_but_no_typed_references()
    {
        GeneratorRun run = GeneratorHarness.Run(
            actorsOnly: true, Usings + "public partial class Outer { private partial class A : Actor { [Receive] void On(int x) { } } }");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
        string file = Assert.Single(run.Files.Values);
        Assert.Contains("protected override global::System.Threading.Tasks.ValueTask DispatchAsync", file, StringComparison.Ordinal);
        Assert.DoesNotContain("ActorRefExtensions", file, StringComparison.Ordinal);
    }

    [Fact]
    public void Receive_outside_an_actor_generates_nothing()
    {
        GeneratorRun run = GeneratorHarness.Run(actorsOnly: true, Usings + "public class NotAnActor { [Receive] void On(int x) { } }");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
        Assert.Empty(run.Files);
    }

    [Fact]
    public void Valid_actors_report_nothing()
    {
        GeneratorRun run = GeneratorHarness.Run(Sources.Account, Sources.ReturnShapes);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotEmpty(run.Files);
    }

    /// <summary>Sends to the actor: its typed references must exist and compile even when the actor is invalid.</summary>
    private const string Sender = " public static class Sender { public static void Send(ActorRef<A> a) => a.Tell(new Ping()); }";
}
