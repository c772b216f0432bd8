using TypedActors.Analyzers.CodeFixes;
using TypedActors.Analyzers.Design;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests.Design;

/// <summary>
/// TA1001 and TA1007 are expected twice where they apply: the verifier runs the actor generator, which reports them too
/// (the same diagnostic, so that the command-line compiler prints it before its own errors, and once).
/// </summary>
public sealed class ActorDeclarationTests
{
    [Fact]
    public Task A_partial_public_actor_is_accepted() => Verify.Analyzer<ActorDeclarationAnalyzer>("""
        public sealed record Ping;

        public partial class Pinger : Actor
        {
            [Receive] void On(Ping _) { }
        }

        public partial class Outer
        {
            internal partial class Inner : Actor
            {
            }
        }
        """);

    [Fact]
    public Task An_actor_that_is_not_partial_is_TA1001() => Verify.Analyzer<ActorDeclarationAnalyzer>("""
        public sealed record Ping;

        public class {|TA1001:{|TA1001:Pinger|}|} : Actor
        {
            [Receive] void On(Ping _) { }
        }
        """, compilerErrors: true);

    [Fact]
    public Task The_TA1001_fix_adds_partial_after_the_other_modifiers() => Verify.CodeFix<ActorDeclarationAnalyzer, AddPartialCodeFixProvider>("""
        public sealed record Ping;

        public sealed class {|TA1001:{|TA1001:Pinger|}|} : Actor
        {
            [Receive] void On(Ping _) { }
        }
        """, """
        public sealed record Ping;

        public sealed partial class Pinger : Actor
        {
            [Receive] void On(Ping _) { }
        }
        """, compilerErrors: true);

    [Fact]
    public Task The_TA1001_fix_works_without_modifiers() => Verify.CodeFix<ActorDeclarationAnalyzer, AddPartialCodeFixProvider>("""
        class {|TA1001:{|TA1001:Quiet|}|} : Actor
        {
        }
        """, """
        partial class Quiet : Actor
        {
        }
        """, compilerErrors: true);

    [Fact]
    public Task Generic_actors_and_actors_nested_in_generic_types_are_accepted() => Verify.Analyzer<ActorDeclarationAnalyzer>("""
        public sealed record Put<TKey, TValue>(TKey Key, TValue Value);

        public partial class Box<TKey, TValue> : Actor
            where TKey : notnull
        {
            private readonly Dictionary<TKey, TValue> _items = new();

            [Receive] void On(Put<TKey, TValue> put) => _items[put.Key] = put.Value;
        }

        public partial class Outer<T>
        {
            public partial class Inner : Actor
            {
                [Receive] int On(Put<T, int> put) => put.Value;
            }
        }
        """);

    [Fact]
    public Task An_actor_nested_in_a_type_that_is_not_partial_is_TA1007_and_the_fix_makes_it_partial() =>
        Verify.CodeFix<ActorDeclarationAnalyzer, AddPartialCodeFixProvider>("""
            public class Outer
            {
                public partial class {|TA1007:{|TA1007:Inner|}|} : Actor
                {
                }
            }
            """, """
            public partial class Outer
            {
                public partial class Inner : Actor
                {
                }
            }
            """, compilerErrors: true);

    [Fact]
    public Task A_private_nested_actor_is_TA1008() => Verify.Analyzer<ActorDeclarationAnalyzer>("""
        public partial class Outer
        {
            private partial class {|TA1008:Hidden|} : Actor
            {
            }
        }
        """, compilerErrors: true);
}
