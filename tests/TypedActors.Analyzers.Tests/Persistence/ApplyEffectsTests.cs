using TypedActors.Analyzers.Persistence;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests.Persistence;

public sealed class ApplyEffectsTests
{
    [Fact]
    public Task An_apply_method_that_only_changes_fields_draws_nothing() => Verify.Analyzer<ApplyEffectsAnalyzer>("""
        public sealed record Added(int Value);

        [Persistent]
        public partial class Tally : Actor
        {
            private readonly List<int> _values = [];
            private int _sum;

            [Apply]
            void Apply(Added e)
            {
                _values.Add(e.Value);
                _sum = Sum(_values.Where(v => v > 0));
            }

            private static int Sum(IEnumerable<int> values) => values.Sum();
        }
        """);

    [Fact]
    public Task Sending_spawning_persisting_and_waiting_in_an_apply_method_are_TA4003() => Verify.Analyzer<ApplyEffectsAnalyzer>("""
        public sealed record Added(int Value);
        public sealed record Noted(int Value);
        public sealed record Ping;

        public partial class Echo : Actor
        {
            [Receive] void On(Ping _) { }
        }

        [Persistent]
        public partial class Tally : Actor
        {
            private ActorRef<Echo> _echo;
            private int _sum;

            [Apply]
            void Apply(Added e)
            {
                _sum += e.Value;
                {|TA4003:_echo.Tell(new Ping())|};
                _echo = {|TA4003:Spawn<Echo>()|};
                {|TA4003:SendAfter(TimeSpan.FromSeconds(1), new Ping())|};
                _ = {|TA4003:Persist(new Noted(e.Value))|};
                Action later = () => {|TA4003:SelfAddress.Send(new Ping())|};
            }

            [Apply]
            async Task Apply(Noted e) // also TA4002, another analyzer's
            {
                {|TA4003:await Task.Yield()|};
                _sum -= e.Value;
            }
        }
        """, compilerErrors: false);
}
