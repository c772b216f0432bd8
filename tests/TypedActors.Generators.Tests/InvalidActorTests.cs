using Microsoft.CodeAnalysis;
using TypedActors.Generators.Tests.Infrastructure;

namespace TypedActors.Generators.Tests;

/// <summary>
/// For an invalid actor the generator emits what still compiles and reports nothing, so that the analyzers' TA error is
/// the build's only error (the analyzers do not run at all after a declaration error such as CS0534). Which TA id each
/// of these gets is tested with the analyzers and the generator together, in TypedActors.Analyzers.Tests.
/// </summary>
public class InvalidActorTests
{
    private const string Usings = "using System.Threading.Tasks; using TypedActors; namespace N; public sealed record Ping; ";

    [Theory]
    [InlineData("public class A : Actor { [Receive] void On(int x) { } }", "A")]
    [InlineData("public class Outer { public partial class A : Actor { [Receive] void On(int x) { } } }", "Outer.A")]
    public void A_class_the_generator_cannot_extend_gets_only_its_typed_references_and_compiles(string declaration, string actor)
    {
        GeneratorRun run = GeneratorHarness.Run(
            actorsOnly: true, Usings + declaration + $" public static class Sender {{ public static void Send(ActorRef<{actor}> a) => a.Tell(1); }}");

        Assert.Empty(run.GeneratorDiagnostics);
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
