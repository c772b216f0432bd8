using TypedActors.Analyzers.CodeFixes;
using TypedActors.Analyzers.Tests.Infrastructure;
using TypedActors.Analyzers.WireContracts;

namespace TypedActors.Analyzers.Tests.WireContracts;

public sealed class WireContractCodeFixTests
{
    private const string Shipped = "/0/WireContracts.Shipped.txt";
    private const string Unshipped = "/0/WireContracts.Unshipped.txt";

    private const string Source = """
        namespace Bank;

        public sealed record {|TA4009:Deposit|}(decimal Amount);
        public sealed record Deposited(decimal Amount, string? {|TA4009:Note|});

        [Persistent]
        public partial class Account : Actor
        {
            private decimal _balance;

            [Receive] Task On(Deposit m) => Persist(new Deposited(m.Amount, null));
            [Apply] void Apply(Deposited e) => _balance += e.Amount;
        }
        """;

    private const string ShippedText = "Bank.Account\nBank.Account._balance: decimal\nBank.Deposited\nBank.Deposited.Amount: decimal\n";

    [Fact]
    public Task The_fix_adds_the_missing_lines_to_unshipped_sorted_below_its_comments() =>
        Verify.AdditionalFileFix<WireContractAnalyzer, AddToWireContractCodeFixProvider>(
            Source,
            [(Shipped, ShippedText), (Unshipped, "# Added since the last release.\nBank.Zed\n")],
            [
                (Shipped, ShippedText),
                (Unshipped, "# Added since the last release.\nBank.Deposit\nBank.Deposit.Amount: decimal\nBank.Deposited.Note: string\nBank.Zed\n"),
            ]);

    [Fact]
    public Task The_fix_creates_unshipped_beside_shipped_when_it_is_missing() =>
        Verify.AdditionalFileFix<WireContractAnalyzer, AddToWireContractCodeFixProvider>(
            Source,
            [(Shipped, ShippedText)],
            [(Shipped, ShippedText), (Unshipped, "Bank.Deposit\nBank.Deposit.Amount: decimal\nBank.Deposited.Note: string\n")]);

    [Fact]
    public Task The_fix_replaces_an_unshipped_line_whose_member_type_changed() =>
        Verify.AdditionalFileFix<WireContractAnalyzer, AddToWireContractCodeFixProvider>(
            Source.Replace("{|TA4009:Deposit|}", "Deposit"),
            [(Shipped, ShippedText), (Unshipped, "Bank.Deposit\nBank.Deposit.Amount: decimal\nBank.Deposited.Note: int\n")],
            [(Shipped, ShippedText), (Unshipped, "Bank.Deposit\nBank.Deposit.Amount: decimal\nBank.Deposited.Note: string\n")]);
}
