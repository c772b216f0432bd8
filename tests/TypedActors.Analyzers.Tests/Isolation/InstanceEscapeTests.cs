using TypedActors.Analyzers.Isolation;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests.Isolation;

public sealed class InstanceEscapeTests
{
    [Fact]
    public Task Self_static_lambdas_and_awaited_work_are_accepted() => Verify.Analyzer<InstanceEscapeAnalyzer>("""
        public sealed record Ball(ActorRef<Player> ReturnTo);
        public sealed record Compute(int N);

        public partial class Player : Actor
        {
            private int _count;

            [Receive] void On(Ball ball) => ball.ReturnTo.Tell(new Ball(Self));

            [Receive]
            async Task<int> On(Compute m)
            {
                int n = m.N;
                int result = await Task.Run(() => n * n);
                _count += result;
                return this.Square(_count);
            }

            private int Square(int value) => value * value;
        }
        """);

    [Fact]
    public Task Passing_storing_or_replying_with_this_is_TA2003() => Verify.Analyzer<InstanceEscapeAnalyzer>("""
        public sealed record Register;
        public sealed record Who;

        public static class Directory
        {
            public static object? Last;
            public static void Add(object actor) { }
        }

        public sealed class Holder
        {
            public object? Target;
        }

        public partial class Leaky : Actor
        {
            private readonly Holder _holder = new();

            [Receive]
            void On(Register _)
            {
                Directory.Add({|TA2003:this|});
                Directory.Last = {|TA2003:this|};
                _holder.Target = {|TA2003:this|};
            }

            [Receive] object On(Who _) => {|TA2003:this|};
        }
        """);

    [Fact]
    public Task State_used_by_code_on_another_thread_is_TA2003() => Verify.Analyzer<InstanceEscapeAnalyzer>("""
        public sealed record Start;

        public partial class Busy : Actor
        {
            private int _count;
            private Timer? _timer;

            [Receive]
            void On(Start _)
            {
                Task.Run({|TA2003:() => _count++|});
                ThreadPool.QueueUserWorkItem({|TA2003:_ => _count++|});
                Parallel.For(0, 10, {|TA2003:i => _count += i|});
                _timer = new Timer({|TA2003:Tick|}, null, 0, 100);
            }

            private void Tick(object? state) => _count++;
        }
        """);
}
