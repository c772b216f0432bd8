using TypedActors.Analyzers.Persistence;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests.Persistence;

public sealed class PersistenceDeclarationTests
{
    [Fact]
    public Task A_valid_persistent_actor_draws_nothing() => Verify.Analyzer<PersistenceDeclarationAnalyzer>("""
        public sealed record Deposit(decimal Amount);
        public sealed record Deposited(decimal Amount);
        public readonly record struct Tagged(int Tag);
        public sealed record Renamed(string Name, System.Collections.Immutable.ImmutableArray<string> Aliases);

        [Persistent(SnapshotEvery = 100)]
        public partial class Account : Actor
        {
            private decimal _balance;
            private int _tag;
            private string _name = "";

            [Receive] Task On(Deposit m) => Persist(new Deposited(m.Amount));

            [Apply] void Apply(Deposited e) => _balance += e.Amount;
            [Apply] void Apply(Tagged e) => _tag = e.Tag;
            [Apply] void Apply(Renamed e) => _name = e.Name;
        }
        """);

    [Fact]
    public Task Invalid_apply_signatures_are_TA4002() => Verify.Analyzer<PersistenceDeclarationAnalyzer>("""
        public sealed record A; public sealed record B;

        [Persistent]
        public partial class Broken : Actor
        {
            [Apply] static void {|TA4002:Static|}(A e) { }
            [Apply] int {|TA4002:Returns|}(A e) => 1;
            [Apply] async Task {|TA4002:Async|}(A e) => await Task.Yield();
            [Apply] void {|TA4002:Two|}(A a, B b) { }
            [Apply] void {|TA4002:None|}() { }
            [Apply] void {|TA4002:Generic|}<T>(T e) { }
            [Apply] void {|TA4002:ByRef|}(ref A e) { }
            [Apply] void {|TA4002:Anything|}(object e) { }
        }
        """);

    [Fact]
    public Task A_second_apply_method_for_one_event_type_is_TA4002() => Verify.Analyzer<PersistenceDeclarationAnalyzer>("""
        public sealed record Deposited(decimal Amount);

        [Persistent]
        public partial class Account : Actor
        {
            private decimal _balance;

            [Apply] void Apply(Deposited e) => _balance += e.Amount;
            [Apply] void {|TA4002:AgainApply|}(Deposited e) => _balance += e.Amount;
        }
        """);

    [Fact]
    public Task Apply_outside_an_actor_is_TA4002_and_in_an_actor_without_Persistent_TA4005() => Verify.Analyzer<PersistenceDeclarationAnalyzer>("""
        public sealed record Deposited(decimal Amount);

        public class NotAnActor
        {
            [Apply] void {|TA4002:Apply|}(Deposited e) { }
        }

        public partial class Forgetful : Actor
        {
            private decimal _balance;

            [Apply] void {|TA4005:Apply|}(Deposited e) => _balance += e.Amount;
        }
        """);

    [Fact]
    public Task Persistent_on_a_class_that_is_not_an_actor_is_TA4005() => Verify.Analyzer<PersistenceDeclarationAnalyzer>("""
        [Persistent]
        public class {|TA4005:Ledger|}
        {
        }
        """);

    [Fact]
    public Task Event_types_that_are_not_provably_immutable_are_TA4004() => Verify.Analyzer<PersistenceDeclarationAnalyzer>("""
        public sealed class Settable { public int Value { get; set; } }
        public sealed record WithList(List<int> Values);
        public record Open(int Value);
        public interface IEvent { }

        [Persistent]
        public partial class Ledger : Actor
        {
            [Apply] void Apply({|TA4004:Settable|} e) { }
            [Apply] void Apply({|TA4004:WithList|} e) { }
            [Apply] void Apply({|TA4004:Open|} e) { }
            [Apply] void Apply({|TA4004:IEvent|} e) { }
        }
        """);
}
