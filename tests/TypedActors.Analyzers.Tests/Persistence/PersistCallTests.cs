using TypedActors.Analyzers.Persistence;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests.Persistence;

public sealed class PersistCallTests
{
    private const string Events = """
        public sealed record Deposit(decimal Amount);
        public sealed record Deposited(decimal Amount);
        public sealed record Withdrawn(decimal Amount);
        public sealed record Closed;
        public interface IAccountEvent;
        public sealed record Frozen : IAccountEvent;
        """;

    [Fact]
    public Task Persisting_applied_events_in_every_form_draws_nothing() => Verify.Analyzer<PersistCallAnalyzer>(Events + """

        [Persistent]
        public partial class Account : Actor
        {
            private decimal _balance;
            private bool _frozen;

            [Receive] Task On(Deposit m) => Persist(new Deposited(m.Amount));

            [Receive]
            async Task<bool> On(Withdrawn m)
            {
                await Persist([new Withdrawn(m.Amount), new Deposited(0)]);
                await Persist(new object[] { new Deposited(1) });
                IEnumerable<Deposited> many = [new Deposited(2)];
                await Persist(many);
                IAccountEvent some = new Frozen();
                await Persist(some);
                object anything = new Deposited(3);
                await Persist(anything); // typed as object: checked at run time
                return true;
            }

            [Apply] void Apply(Deposited e) => _balance += e.Amount;
            [Apply] void Apply(Withdrawn e) => _balance -= e.Amount;
            [Apply] void Apply(Frozen e) => _frozen = true;
        }
        """);

    [Fact]
    public Task An_event_type_with_no_apply_method_is_TA4001_in_every_form() => Verify.Analyzer<PersistCallAnalyzer>(Events + """

        [Persistent]
        public partial class Account : Actor
        {
            private decimal _balance;

            [Receive]
            async Task On(Deposit m)
            {
                await {|TA4001:Persist(new Closed())|};
                await {|TA4001:Persist([new Deposited(1), new Closed()])|};
                await {|TA4001:Persist(new object[] { new Closed() })|};
                List<Closed> closings = [new Closed()];
                await {|TA4001:Persist(closings)|};
                IAccountEvent some = new Frozen();
                await {|TA4001:Persist(some)|};
            }

            [Apply] void Apply(Deposited e) => _balance += e.Amount;
        }
        """);

    [Fact]
    public Task Persist_in_an_actor_without_Persistent_is_TA4005() => Verify.Analyzer<PersistCallAnalyzer>(Events + """

        public partial class Account : Actor
        {
            [Receive] Task On(Deposit m) => {|TA4005:Persist(new Deposited(m.Amount))|};
        }
        """);

    [Fact]
    public Task A_discarded_Persist_task_is_TA4007() => Verify.Analyzer<PersistCallAnalyzer>(Events + """

        [Persistent]
        public partial class Account : Actor
        {
            private decimal _balance;

            [Receive] void On(Deposit m) => {|TA4007:Persist(new Deposited(m.Amount))|};

            [Receive]
            void On(Withdrawn m)
            {
                {|TA4007:Persist(new Deposited(-m.Amount))|};
            }

            [Apply] void Apply(Deposited e) => _balance += e.Amount;
        }
        """);
}
