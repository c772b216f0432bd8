using TypedActors.Analyzers.Tests.Infrastructure;
using TypedActors.Analyzers.WireContracts;

namespace TypedActors.Analyzers.Tests.WireContracts;

public sealed class WireNameTests
{
    [Fact]
    public Task Well_formed_unique_wire_names_draw_nothing() => Verify.Analyzer<WireNameAnalyzer>("""
        namespace Bank;

        [WireName("Bank.Deposited")]
        public sealed record MoneyDeposited([WireName("Amount")] decimal Sum, string? Note);

        public sealed class Settings
        {
            [WireName("limit")] public int MaxAmount { get; init; }
            public string Currency { get; init; } = "";
        }
        """);

    [Fact]
    public Task Malformed_wire_names_are_TA4010() => Verify.Analyzer<WireNameAnalyzer>("""
        namespace Bank;

        [WireName("")]
        public sealed record {|TA4010:Empty|}(int A);

        [WireName("Bank.Has Space")]
        public sealed record {|TA4010:Spaced|}(int A);

        public sealed record Members([WireName("a.b")] int {|TA4010:Dotted|}, [WireName("x:y")] int {|TA4010:Colon|});
        """);

    [Fact]
    public Task A_wire_name_another_type_or_member_has_is_TA4010() => Verify.Analyzer<WireNameAnalyzer>("""
        namespace Bank;

        public sealed record Deposited(decimal Amount);

        [WireName("Bank.Deposited")]
        public sealed record {|TA4010:Credited|}(decimal Amount);

        public sealed record Transfer(decimal Amount, [WireName("amount")] decimal {|TA4010:Fee|});
        """);
}
