using Microsoft.CodeAnalysis;
using TypedActors.Generators.Tests.Infrastructure;

namespace TypedActors.Generators.Tests;

public class TypedSurfaceTests
{
    private const string Usage = """
        using System;
        using System.Threading.Tasks;
        using TypedActors;
        using Bank;

        public static class Program
        {
            public static async Task Main()
            {
                await using var system = new ActorSystem();
                ActorRef<Account> account = system.Spawn<Account>();
                account.Tell(new Deposit(100));
                decimal balance = await account.Ask(new GetBalance());
                bool ok = await account.Ask(new Withdraw(30), TimeSpan.FromSeconds(5));
                await account.Ask(new Deposit(1));
                /*WRONG*/
            }
        }
        """;

    [Fact]
    public void The_issue_example_compiles_with_reply_types_inferred_from_handlers()
    {
        GeneratorRun run = GeneratorHarness.Run(Sources.Account, Usage);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void A_reply_of_the_wrong_type_does_not_compile()
    {
        const string statement = "int wrong = await account.Ask(new GetBalance());";
        GeneratorRun run = GeneratorHarness.Run(Sources.Account, Usage.Replace("/*WRONG*/", statement, StringComparison.Ordinal));
        Diagnostic error = Assert.Single(run.CompilationProblems, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CS0266", error.Id);
        string line = error.Location.SourceTree!.GetText().Lines[error.Location.GetLineSpan().StartLinePosition.Line].ToString();
        Assert.Contains(statement.TrimEnd(';'), line, StringComparison.Ordinal);
    }

    /// <summary>
    /// A message the actor does not handle binds to the actor's own object-taking fallback, with no compiler error, so
    /// that TA1009 (TypedActors.Analyzers) is the only error of the line and names this actor, never another one.
    /// </summary>
    [Theory]
    [InlineData("account.Tell(\"hello\");")]
    [InlineData("account.Tell(new object());")]
    [InlineData("string reply = await account.Ask(\"hello\");")]
    [InlineData("await account.Ask(42, TimeSpan.FromSeconds(1));")]
    public void A_message_the_actor_does_not_handle_binds_to_its_own_fallback_and_nothing_else(string statement)
    {
        GeneratorRun run = GeneratorHarness.Run(Sources.Account, Sources.Special, Usage.Replace("/*WRONG*/", statement, StringComparison.Ordinal));
        Assert.True(run.CompilationProblems.Count == 0, string.Join("\n", run.CompilationProblems));

        SyntaxTree usage = run.Output.SyntaxTrees.Single(t => t.ToString().Contains(statement, StringComparison.Ordinal));
        SemanticModel model = run.Output.GetSemanticModel(usage);
        var call = usage.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>()
            .Last(i => statement.Contains(i.ToString(), StringComparison.Ordinal) && i.ToString().StartsWith("account.", StringComparison.Ordinal));
        var method = (IMethodSymbol)model.GetSymbolInfo(call).Symbol!;
        Assert.Equal("AccountActorRefExtensions", method.ContainingType.Name);
        Assert.Equal(SpecialType.System_Object, method.ReducedFrom!.Parameters[1].Type.SpecialType);
    }

    [Theory]
    [InlineData("account.Tell(new Deposit(1));", "Deposit")]
    [InlineData("decimal b = await account.Ask(new GetBalance());", "GetBalance")]
    public void A_handled_message_binds_to_its_exact_overload(string statement, string messageType)
    {
        GeneratorRun run = GeneratorHarness.Run(Sources.Account, Usage.Replace("/*WRONG*/", statement, StringComparison.Ordinal));
        Assert.Empty(run.CompilationProblems);

        SyntaxTree usage = run.Output.SyntaxTrees.Single(t => t.ToString().Contains(statement, StringComparison.Ordinal));
        var call = usage.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>()
            .Last(i => statement.Contains(i.ToString(), StringComparison.Ordinal) && i.ToString().StartsWith("account.", StringComparison.Ordinal));
        var method = (IMethodSymbol)run.Output.GetSemanticModel(usage).GetSymbolInfo(call).Symbol!;
        Assert.Equal(messageType, method.ReducedFrom!.Parameters[1].Type.Name);
    }

    [Fact]
    public void Inherited_handlers_are_part_of_the_derived_actor_surface()
    {
        const string usage = """
            using Outer.Space;
            public static class Use
            {
                public static void Run(TypedActors.ActorRef<Derived> derived)
                {
                    derived.Tell(new Ping());
                    System.Threading.Tasks.Task<int> fromBase = derived.Ask(new Ping());
                }
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(Sources.Special, usage);
        Assert.Empty(run.CompilationProblems);
    }
}
