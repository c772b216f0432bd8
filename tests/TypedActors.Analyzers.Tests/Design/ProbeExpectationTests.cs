using System.Globalization;
using TypedActors.Analyzers.Design;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests.Design;

public sealed class ProbeExpectationTests
{
    private const string Actors = """
        using TypedActors.Testing;

        public sealed record Deposit(decimal Amount);
        public sealed record GetBalance;
        public sealed record Statement(string Month);
        public abstract record Shape;
        public sealed record Circle(double Radius) : Shape;
        public sealed record Square(double Side) : Shape;
        public sealed record Lookup<TKey>(TKey Key);

        public partial class Account : Actor
        {
            private decimal _balance;

            [Receive] void On(Deposit deposit) => _balance += deposit.Amount;
            [Receive] decimal On(GetBalance _) => _balance;
            [Receive] Task<IReadOnlyList<string>> On(Statement _) => Task.FromResult<IReadOnlyList<string>>([]);
            [Receive] int? On(Circle circle) => null;
            [Receive] string On(Shape shape) => "a shape";
        }

        public partial class Cache<TKey> : Actor
            where TKey : notnull
        {
            [Receive] string? On(Lookup<TKey> lookup) => null;
        }

        public partial class Silent : Actor
        {
        }
        """;

    [Fact]
    public Task Expectations_and_replies_the_actor_allows_are_accepted() => Verify.Analyzer<ProbeExpectationAnalyzer>(Actors + """

        public static class Checks
        {
            public static async Task Run(TestProbe<Account> account, TestProbe<Cache<int>> cache)
            {
                Deposit deposit = await account.ExpectMessageAsync<Deposit>(d => d.Amount > 0);
                (await account.ExpectAskAsync<GetBalance>()).Reply(100m);
                (await account.ExpectAskAsync<Deposit>()).Reply();
                (await account.ExpectAskAsync<Statement>()).Reply(new[] { "march" });  // an array is an IReadOnlyList
                (await account.ExpectAskAsync<Circle>()).Reply(3);                      // int converts to int? without an operator
                (await account.ExpectAskAsync<Square>()).Reply("square");              // handled as a Shape
                Shape shape = await account.ExpectMessageAsync<Shape>();
                Exited exited = await account.ExpectMessageAsync<Exited>();            // signals reach any actor
                Down down = await account.ExpectMessageAsync<Down>();
                object any = await account.ExpectMessageAsync<object>();
                (await cache.ExpectAskAsync<Lookup<int>>()).Reply<string?>(null);
            }
        }
        """);

    [Fact]
    public Task Expecting_a_type_the_actor_does_not_handle_is_TA1010() => Verify.Analyzer<ProbeExpectationAnalyzer>(Actors + """

        public static class Checks
        {
            public static async Task Run(TestProbe<Account> account, TestProbe<Cache<int>> cache, TestProbe<Silent> silent)
            {
                string text = await {|TA1010:account.ExpectMessageAsync<string>()|};
                var ask = await {|TA1010:account.ExpectAskAsync<Lookup<int>>()|};
                var other = await {|TA1010:cache.ExpectAskAsync<Lookup<string>>()|};
                var nothing = await {|TA1010:silent.ExpectMessageAsync<Deposit>()|};
            }
        }
        """);

    [Fact]
    public Task A_reply_the_handler_does_not_return_is_TA1011() => Verify.Analyzer<ProbeExpectationAnalyzer>(Actors + """

        public static class Checks
        {
            public static async Task Run(TestProbe<Account> account, TestProbe<Cache<int>> cache)
            {
                var balance = await account.ExpectAskAsync<GetBalance>();
                {|TA1011:balance.Reply(100)|};          // int is not decimal: the asker would fail
                {|TA1011:balance.Reply("100")|};
                {|TA1011:balance.Reply()|};
                var deposit = await account.ExpectAskAsync<Deposit>();
                {|TA1011:deposit.Reply(true)|};
                var lookup = await cache.ExpectAskAsync<Lookup<int>>();
                {|TA1011:lookup.Reply(42)|};
            }
        }
        """);

    [Fact]
    public async Task The_messages_name_the_actor_the_type_and_what_it_handles_or_returns()
    {
        string source = Actors + """

            public static class Checks
            {
                public static async Task Run(TestProbe<Account> account)
                {
                    await account.ExpectMessageAsync<string>();
                    (await account.ExpectAskAsync<GetBalance>()).Reply(100);
                    (await account.ExpectAskAsync<Deposit>()).Reply(1m);
                }
            }
            """;
        WholeCompilation.Result result = await WholeCompilation.AnalyzeAsync([source]);
        string[] messages = [.. result.Problems.Where(d => d.Id is "TA1010" or "TA1011").Select(d => d.GetMessage(CultureInfo.InvariantCulture))];
        Assert.Equal(
        string.Join(Environment.NewLine, [
            "'Account' has no [Receive] handler for 'string', so a probe standing for it never receives one; it handles Circle, Deposit, GetBalance, Shape, Statement",
            "The handler of 'GetBalance' in 'Account' returns 'decimal', not 'int': the asker would fail with ReplyTypeMismatchException",
            "The handler of 'Deposit' in 'Account' returns no value: answer with Reply()",
        ]),
        string.Join(Environment.NewLine, messages));
    }
}
