using TypedActors.Analyzers.CodeFixes;
using TypedActors.Analyzers.Concurrency;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests.Concurrency;

/// <summary>
/// The Thread.Sleep calls below are source text handed to the TA3001 rule: blocking is the behaviour under test here,
/// nothing in these tests sleeps.
/// </summary>
public sealed class BlockingCallTests
{
    [Fact]
    public Task Awaiting_is_accepted() => Verify.Analyzer<BlockingCallAnalyzer>("""
        public sealed record Work(string Path);

        public partial class Worker : Actor
        {
            private readonly SemaphoreSlim _gate = new(1);

            [Receive]
            async Task<int> On(Work m)
            {
                await Task.Delay(10);
                await _gate.WaitAsync();
                string text = await File.ReadAllTextAsync(m.Path);
                Task<int> length = Task.FromResult(text.Length);
                return await length;
            }
        }
        """);

    [Fact]
    public Task Sleeping_waiting_and_blocking_on_results_are_TA3001() => Verify.Analyzer<BlockingCallAnalyzer>("""
        public sealed record Work(Task<int> Pending, string Path);

        public partial class Worker : Actor
        {
            private readonly object _gate = new();

            [Receive]
            int On(Work m)
            {
                {|TA3001:Thread.Sleep(10)|};
                {|TA3001:m.Pending.Wait()|};
                int a = {|TA3001:m.Pending.Result|};
                int b = {|TA3001:m.Pending.GetAwaiter().GetResult()|};
                {|TA3001:System.Threading.Monitor.Enter(_gate)|}; // inside an actor, Monitor names Actor.Monitor(Address)
                string text = {|TA3001:File.ReadAllText(m.Path)|};
                return a + b + text.Length;
            }
        }
        """);

    [Fact]
    public Task The_fix_turns_Thread_Sleep_into_await_Task_Delay_and_a_void_handler_into_async_Task() =>
        Verify.CodeFix<BlockingCallAnalyzer, ThreadSleepCodeFixProvider>("""
            public sealed record Pause(int Milliseconds);

            public partial class Worker : Actor
            {
                private int _pauses;

                [Receive]
                void On(Pause m)
                {
                    {|TA3001:Thread.Sleep(m.Milliseconds)|};
                    _pauses++;
                }
            }
            """, """
            public sealed record Pause(int Milliseconds);

            public partial class Worker : Actor
            {
                private int _pauses;

                [Receive]
                async Task On(Pause m)
                {
                    await Task.Delay(m.Milliseconds);
                    _pauses++;
                }
            }
            """);

    [Fact]
    public Task The_fix_keeps_an_async_handler_and_an_expression_body() =>
        Verify.CodeFix<BlockingCallAnalyzer, ThreadSleepCodeFixProvider>("""
            public sealed record Pause(int Milliseconds);
            public sealed record Nap;

            public partial class Worker : Actor
            {
                [Receive]
                private async Task<int> On(Pause m)
                {
                    await Task.Yield();
                    {|TA3001:Thread.Sleep(m.Milliseconds)|};
                    return 1;
                }

                [Receive] private void On(Nap _) => {|TA3001:Thread.Sleep(5)|};
            }
            """, """
            public sealed record Pause(int Milliseconds);
            public sealed record Nap;

            public partial class Worker : Actor
            {
                [Receive]
                private async Task<int> On(Pause m)
                {
                    await Task.Yield();
                    await Task.Delay(m.Milliseconds);
                    return 1;
                }

                [Receive] private async Task On(Nap _) => await Task.Delay(5);
            }
            """);
}
