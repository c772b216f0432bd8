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

    [Theory]
    [InlineData("account.Tell(\"hello\");")]
    [InlineData("int wrong = await account.Ask(new GetBalance());")]
    [InlineData("account.Tell(new object());")]
    public void A_message_the_actor_does_not_handle_does_not_compile(string statement)
    {
        GeneratorRun run = GeneratorHarness.Run(Sources.Account, Usage.Replace("/*WRONG*/", statement, StringComparison.Ordinal));
        Diagnostic error = Assert.Single(run.CompilationProblems, d => d.Severity == DiagnosticSeverity.Error);
        string line = error.Location.SourceTree!.GetText().Lines[error.Location.GetLineSpan().StartLinePosition.Line].ToString();
        Assert.Contains(statement.TrimEnd(';'), line, StringComparison.Ordinal);
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
