using TypedActors.Analyzers.Design;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests.Design;

public sealed class HandlerDeclarationTests
{
    [Fact]
    public Task Every_supported_handler_shape_is_accepted() => Verify.Analyzer<HandlerDeclarationAnalyzer>("""
        public sealed record A; public sealed record B; public sealed record C; public sealed record D;
        public sealed record E; public sealed record F; public readonly record struct G;

        public partial class Shapes : Actor
        {
            [Receive] void On(A _) { }
            [Receive] int On(B _) => 1;
            [Receive] Task On(C _) => Task.CompletedTask;
            [Receive] async Task<string> On(D _) { await Task.Yield(); return ""; }
            [Receive] ValueTask On(E _, CancellationToken ct) => default;
            [Receive] ValueTask<int> On(F _) => new(2);
            [Receive] void On(G? _) { }
        }
        """);

    [Fact]
    public Task Invalid_signatures_are_TA1002() => Verify.Analyzer<HandlerDeclarationAnalyzer>("""
        public sealed record A; public sealed record B;

        public partial class Broken : Actor
        {
            [Receive] static void {|TA1002:Static|}(A _) { }
            [Receive] void {|TA1002:NoMessage|}() { }
            [Receive] void {|TA1002:TwoMessages|}(A a, B b) { }
            [Receive] void {|TA1002:ByRef|}(ref A a) { }
            [Receive] void {|TA1002:Generic|}<T>(T message) { }
            [Receive] void {|TA1002:AnyObject|}(object message) { }
            [Receive] async void {|TA1002:AsyncVoid|}(B _) => await Task.Yield();
        }
        """, compilerErrors: true);

    [Fact]
    public Task A_bare_type_parameter_of_a_generic_actor_is_not_a_message_type() => Verify.Analyzer<HandlerDeclarationAnalyzer>("""
        public sealed record Put<TKey>(TKey Key);

        public partial class Box<TKey> : Actor
        {
            [Receive] void {|TA1002:OnAny|}(TKey key) { }
            [Receive] void On(Put<TKey> put) { }
        }
        """);

    [Fact]
    public Task Message_types_that_are_the_same_runtime_type_are_TA1003() => Verify.Analyzer<HandlerDeclarationAnalyzer>("""
        public partial class Pairs : Actor
        {
            [Receive] void On((int Count, string Name) named) { }
            [Receive] void {|TA1003:OnPlain|}((int, string) plain) { }
            [Receive] void On(List<string?> maybe) { }
            [Receive] void {|TA1003:OnSure|}(List<string> sure) { }
        }
        """);

    [Fact]
    public Task Two_handlers_for_one_message_type_are_TA1003() => Verify.Analyzer<HandlerDeclarationAnalyzer>("""
        public sealed record A;

        public partial class Twice : Actor
        {
            [Receive] void First(A _) { }
            [Receive] int {|TA1003:Second|}(A _) => 1;
        }
        """, compilerErrors: true);

    [Fact]
    public Task A_nullable_value_type_message_collides_with_the_value_type() => Verify.Analyzer<HandlerDeclarationAnalyzer>("""
        public readonly record struct Tick;

        public partial class Clock : Actor
        {
            [Receive] void On(Tick _) { }
            [Receive] void {|TA1003:OnMaybe|}(Tick? _) { }
        }
        """, compilerErrors: true);

    [Fact]
    public Task Receive_outside_an_actor_is_TA1004() => Verify.Analyzer<HandlerDeclarationAnalyzer>("""
        public sealed record A;

        public class NotAnActor
        {
            [Receive] void {|TA1004:On|}(A _) { }
        }
        """);
}
