using TypedActors.Analyzers.Concurrency;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests.Concurrency;

public sealed class LockTests
{
    [Fact]
    public Task A_lock_outside_actors_is_accepted() => Verify.Analyzer<LockAnalyzer>("""
        public sealed class Cache
        {
            private readonly object _gate = new();
            private int _hits;

            public void Hit() { lock (_gate) { _hits++; } }
        }

        public partial class Quiet : Actor
        {
        }
        """);

    [Fact]
    public Task A_lock_in_an_actor_is_TA3002() => Verify.Analyzer<LockAnalyzer>("""
        public sealed record Hit;

        public partial class Counter : Actor
        {
            private readonly object _gate = new();
            private int _hits;

            [Receive] void On(Hit _) { {|TA3002:lock|} (_gate) { _hits++; } }
        }
        """);
}

public sealed class AsyncVoidTests
{
    [Fact]
    public Task Async_Task_methods_and_lambdas_are_accepted() => Verify.Analyzer<AsyncVoidAnalyzer>("""
        public sealed record Go;

        public partial class Runner : Actor
        {
            [Receive]
            async Task On(Go _)
            {
                Func<Task> step = async () => await Task.Yield();
                await step();
                await Helper();
            }

            private static async Task Helper() => await Task.Yield();
        }
        """);

    [Fact]
    public Task Async_void_methods_lambdas_and_local_functions_are_TA3003() => Verify.Analyzer<AsyncVoidAnalyzer>("""
        public sealed record Go;

        public partial class Runner : Actor
        {
            private int _done;

            [Receive]
            void On(Go _)
            {
                Action step = {|TA3003:async|} () => { await Task.Yield(); _done++; };
                step();
                Local();

                async void {|TA3003:Local|}() => await Task.Yield();
            }

            private async void {|TA3003:FireAndForget|}() => await Task.Yield();
        }
        """);
}
