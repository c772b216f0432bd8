using TypedActors.Analyzers.Concurrency;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests.Concurrency;

public sealed class AskSelfTests
{
    [Fact]
    public Task Telling_self_and_asking_others_are_accepted() => Verify.Analyzer<AskSelfAnalyzer>("""
        public sealed record Ping(ActorRef<Node> Peer);
        public sealed record Pong;
        public sealed record Again;

        public partial class Node : Actor
        {
            [Receive]
            async Task On(Ping m)
            {
                await m.Peer.Ask(new Pong());
                Self.Tell(new Again());
            }

            [Receive] void On(Pong _) { }
            [Receive] void On(Again _) { }
        }
        """);

    [Fact]
    public Task Asking_self_is_TA3005() => Verify.Analyzer<AskSelfAnalyzer>("""
        public sealed record Total;
        public sealed record Report;

        public partial class Node : Actor
        {
            [Receive] int On(Total _) => 42;

            [Receive]
            async Task<int> On(Report _)
            {
                int typed = await {|TA3005:Self.Ask(new Total())|};
                int untyped = await {|TA3005:SelfAddress.Ask<int>(new Total())|};
                return typed + untyped;
            }
        }
        """);
}
