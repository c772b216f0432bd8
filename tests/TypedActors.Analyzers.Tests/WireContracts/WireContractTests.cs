using TypedActors.Analyzers.Tests.Infrastructure;
using TypedActors.Analyzers.WireContracts;

namespace TypedActors.Analyzers.Tests.WireContracts;

public sealed class WireContractTests
{
    private const string Shipped = "/0/WireContracts.Shipped.txt";
    private const string Unshipped = "/0/WireContracts.Unshipped.txt";

    private const string Bank = """
        namespace Bank;

        public sealed record Deposit(decimal Amount);
        public sealed record Deposited(decimal Amount, string? Note);

        [Persistent]
        public partial class Account : Actor
        {
            private decimal _balance;

            [Receive] Task On(Deposit m) => Persist(new Deposited(m.Amount, null));
            [Apply] void Apply(Deposited e) => _balance += e.Amount;
        }
        """;

    private const string BankContract = """
        # The wire and stored formats of this project, as shipped.
        Bank.Account
        Bank.Account._balance: decimal
        Bank.Deposit
        Bank.Deposit.Amount: decimal
        Bank.Deposited
        Bank.Deposited.Amount: decimal
        Bank.Deposited.Note: string

        """;

    [Fact]
    public Task A_project_without_contract_files_is_not_checked() => Verify.Analyzer<WireContractAnalyzer>(Bank);

    [Fact]
    public Task Messages_events_and_snapshot_state_all_listed_draw_nothing() =>
        Verify.Analyzer<WireContractAnalyzer>(Bank, additionalFiles: (Shipped, BankContract));

    [Fact]
    public Task Entries_may_be_split_between_shipped_and_unshipped() => Verify.Analyzer<WireContractAnalyzer>(
        Bank,
        additionalFiles:
        [
            (Shipped, "Bank.Account\nBank.Account._balance: decimal\nBank.Deposit\nBank.Deposit.Amount: decimal\n"),
            (Unshipped, "Bank.Deposited\nBank.Deposited.Amount: decimal\nBank.Deposited.Note: string\n"),
        ]);

    [Fact]
    public Task A_removed_shipped_type_is_TA4008_at_its_shipped_line() => Verify.Analyzer<WireContractAnalyzer>(
        Bank,
        additionalFiles: (Shipped, BankContract.Replace("Bank.Deposit\n", "Bank.Deposit\n{|TA4008:Bank.Withdrawn|}\nBank.Withdrawn.Amount: decimal\n")));

    [Fact]
    public Task A_removed_shipped_member_is_TA4008_at_the_type() => Verify.Analyzer<WireContractAnalyzer>(
        Bank.Replace("public sealed record Deposited(decimal Amount, string? Note);", "public sealed record {|TA4008:Deposited|}(decimal Amount);")
            .Replace("new Deposited(m.Amount, null)", "new Deposited(m.Amount)"),
        additionalFiles: (Shipped, BankContract));

    [Fact]
    public Task A_changed_member_type_is_TA4008_at_the_member() => Verify.Analyzer<WireContractAnalyzer>(
        Bank.Replace("public sealed record Deposited(decimal Amount, string? Note);", "public sealed record Deposited(long {|TA4008:Amount|}, string? Note);")
            .Replace("new Deposited(m.Amount, null)", "new Deposited((long)m.Amount, null)"),
        additionalFiles: (Shipped, BankContract));

    [Fact]
    public Task A_renamed_type_is_TA4008_and_the_new_name_TA4009() => Verify.Analyzer<WireContractAnalyzer>(
        Bank.Replace("public sealed record Deposit(decimal Amount);", "public sealed record {|TA4009:Credit|}(decimal Amount);")
            .Replace("On(Deposit m)", "On(Credit m)"),
        additionalFiles: (Shipped, BankContract.Replace("Bank.Deposit\n", "{|TA4008:Bank.Deposit|}\n")));

    [Fact]
    public Task Renames_that_keep_their_wire_names_keep_the_contract() => Verify.Analyzer<WireContractAnalyzer>(
        """
        namespace Bank;

        public sealed record Deposit(decimal Amount);

        [WireName("Bank.Deposited")]
        public sealed record MoneyDeposited([WireName("Amount")] decimal Sum, string? Note);

        [Persistent]
        public partial class Account : Actor
        {
            [WireName("_balance")] private decimal _total;

            [Receive] Task On(Deposit m) => Persist(new MoneyDeposited(m.Amount, null));
            [Apply] void Apply(MoneyDeposited e) => _total += e.Sum;
        }
        """,
        additionalFiles: (Shipped, BankContract));

    [Fact]
    public Task An_unlisted_type_and_an_unlisted_member_are_TA4009() => Verify.Analyzer<WireContractAnalyzer>(
        Bank.Replace("public sealed record Deposit(decimal Amount);", "public sealed record {|TA4009:Deposit|}(decimal Amount);")
            .Replace("public sealed record Deposited(decimal Amount, string? Note);", "public sealed record Deposited(decimal Amount, string? Note, int {|TA4009:Teller|} = 0);"),
        additionalFiles: (Shipped, BankContract.Replace("Bank.Deposit\nBank.Deposit.Amount: decimal\n", "")));

    [Fact]
    public Task Nested_message_types_and_collections_are_listed_by_wire_name() => Verify.Analyzer<WireContractAnalyzer>(
        """
        namespace Shop;

        [WireName("Shop.Line")]
        public sealed record OrderLine(string Sku, int Quantity);
        public sealed record PlaceOrder(System.Collections.Immutable.ImmutableArray<OrderLine> Lines, System.DateTime? At, int[] Codes);

        public partial class Orders : Actor
        {
            [Receive] bool On(PlaceOrder m) => true;
        }
        """,
        additionalFiles: (Shipped, """
            Shop.Line
            Shop.Line.Quantity: int
            Shop.Line.Sku: string
            Shop.PlaceOrder
            Shop.PlaceOrder.At: System.DateTime?
            Shop.PlaceOrder.Codes: int[]
            Shop.PlaceOrder.Lines: System.Collections.Immutable.ImmutableArray<Shop.Line>
            """));

    [Fact]
    public Task Each_constructed_generic_message_type_is_checked_at_its_definition() => Verify.Analyzer<WireContractAnalyzer>(
        """
        namespace Shop;

        public sealed record {|TA4009:Box|}<T>(T Value, string {|TA4008:Label|});
        public sealed record Put(Box<int> Numbers, Box<string> Words);

        public partial class Store : Actor
        {
            [Receive] void On(Put m) { }
        }
        """,
        additionalFiles: (Shipped, """
            Shop.Box<int>
            Shop.Box<int>.Label: int
            Shop.Box<int>.Value: int
            Shop.Put
            Shop.Put.Numbers: Shop.Box<int>
            Shop.Put.Words: Shop.Box<string>
            """));
}
