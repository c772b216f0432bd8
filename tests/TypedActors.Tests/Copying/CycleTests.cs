using TypedActors.CompilerServices;
using TypedActors.Copying;

namespace TypedActors.Tests.Copying;

public class CycleTests
{
    private static Node Chain(int length)
    {
        var head = new Node { Value = 0 };
        Node tail = head;
        for (int i = 1; i < length; i++)
        {
            tail.Next = new Node { Value = i };
            tail = tail.Next;
        }

        return head;
    }

    [Fact]
    public async Task A_message_that_refers_to_itself_is_rejected_at_send_without_overflowing_the_stack()
    {
        await using var system = new ActorSystem();
        ActorRef<Capture> capture = system.Spawn(() => new Capture(new TaskCompletionSource<object>()));
        var node = new Node { Value = 1 };
        node.Next = new Node { Value = 2, Next = node };

        var exception = Assert.Throws<MessageCycleException>(() => capture.Tell(node));
        Assert.Contains("reference cycle", exception.Message);
        Assert.Equal(0, system.DeadLetters.Count);

        // The guard is left clean: the next copy on this thread works.
        Assert.Equal(2, Copier<Node>.Copy(new Node { Value = 1, Next = new Node { Value = 2 } }).Next!.Value);
    }

    [Fact]
    public void A_long_acyclic_chain_is_copied()
    {
        Node copy = Copier<Node>.Copy(Chain(CycleGuard.MaxDepth));

        int count = 0;
        for (Node? n = copy; n is not null; n = n.Next)
        {
            Assert.Equal(count++, n.Value);
        }

        Assert.Equal(CycleGuard.MaxDepth, count);
    }

    [Fact]
    public void A_chain_deeper_than_the_limit_is_rejected_with_a_clear_exception()
    {
        var exception = Assert.Throws<MessageCycleException>(() => Copier<Node>.Copy(Chain(CycleGuard.MaxDepth + 1)));
        Assert.Contains("levels deep", exception.Message);
    }
}
