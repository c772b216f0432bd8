using TypedActors.Analyzers.Isolation;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests.Isolation;

public sealed class StateLeakTests
{
    [Fact]
    public Task Private_state_copies_and_immutable_replies_are_accepted() => Verify.Analyzer<StateLeakAnalyzer>("""
        public sealed record Add(int Value);
        public sealed record GetAll;
        public sealed record GetTotal;
        public sealed record Snapshot(int[] Values);
        public sealed record WaitForReady;

        public partial class Store : Actor
        {
            private readonly List<int> _values = [];
            private readonly Task _ready = Task.CompletedTask;
            private int _total;

            public int Capacity { get; init; } = 10;
            public int Total => _total;
            protected int Spare { get; set; }

            [Receive] void On(Add m) { _values.Add(m.Value); _total += m.Value; }
            [Receive] int[] On(GetAll _) => [.. _values];
            [Receive] int On(GetTotal _) => _total;
            [Receive] Snapshot On(Snapshot s) => new([.. _values]);
            [Receive] Task On(WaitForReady _) => _ready; // the task is how the handler finishes, not its reply
        }
        """);

    [Fact]
    public Task Public_fields_and_settable_properties_are_TA2002() => Verify.Analyzer<StateLeakAnalyzer>("""
        public partial class Store : Actor
        {
            public int {|TA2002:Count|};
            internal List<int> {|TA2002:Items|} = [];
            public string {|TA2002:Name|} { get; set; } = "";
        }
        """);

    [Fact]
    public Task Replying_or_sending_a_mutable_field_is_TA2002() => Verify.Analyzer<StateLeakAnalyzer>("""
        public sealed record GetAll;
        public sealed record Share(ActorRef<Store> To);
        public sealed record Items(List<int> Values);

        public partial class Store : Actor
        {
            private readonly List<int> _values = [];

            [Receive] List<int> On(GetAll _) => {|TA2002:_values|};

            [Receive] void On(Share m) => m.To.Tell({|TA2002:new Items(_values)|});

            [Receive] void On(Items m) => _values.AddRange(m.Values);
        }
        """);
}
