using TypedActors.Analyzers.CodeFixes;
using TypedActors.Analyzers.Concurrency;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests.Concurrency;

public sealed class ConfigureAwaitTests
{
    [Fact]
    public Task ConfigureAwait_true_and_library_code_are_accepted() => Verify.Analyzer<ConfigureAwaitAnalyzer>("""
        public sealed record Load;

        public static class Library
        {
            public static async Task<int> ReadAsync() { await Task.Yield(); await Task.Delay(1).ConfigureAwait(false); return 1; }
        }

        public partial class Loader : Actor
        {
            private int _loaded;

            [Receive]
            async Task On(Load _)
            {
                _loaded += await Library.ReadAsync().ConfigureAwait(true);
                await Task.Delay(1).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
            }
        }
        """);

    [Fact]
    public Task ConfigureAwait_false_in_an_actor_is_TA3004() => Verify.Analyzer<ConfigureAwaitAnalyzer>("""
        public sealed record Load;

        public partial class Loader : Actor
        {
            private int _loaded;

            [Receive]
            async Task On(Load _)
            {
                await Task.Delay(1).{|TA3004:ConfigureAwait|}(false);
                _loaded += await Task.FromResult(1).{|TA3004:ConfigureAwait|}(continueOnCapturedContext: false);
                await Task.Delay(1).{|TA3004:ConfigureAwait|}(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        """);

    [Fact]
    public Task The_fix_removes_ConfigureAwait_false() => Verify.CodeFix<ConfigureAwaitAnalyzer, RemoveConfigureAwaitCodeFixProvider>("""
        public sealed record Load;

        public partial class Loader : Actor
        {
            private int _loaded;

            [Receive]
            async Task On(Load _) => _loaded += await Task.FromResult(1).{|TA3004:ConfigureAwait|}(false);
        }
        """, """
        public sealed record Load;

        public partial class Loader : Actor
        {
            private int _loaded;

            [Receive]
            async Task On(Load _) => _loaded += await Task.FromResult(1);
        }
        """);
}
