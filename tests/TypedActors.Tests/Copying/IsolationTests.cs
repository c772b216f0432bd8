namespace TypedActors.Tests.Copying;

public class IsolationTests
{
    [Fact]
    public async Task Mutating_a_list_after_Tell_is_never_seen_by_the_receiver()
    {
        await using var system = new ActorSystem();
        ActorRef<OrderKeeper> keeper = system.Spawn<OrderKeeper>();
        var order = new Order { Id = 1, Lines = [new Line("a", 1, 2m)] };

        keeper.Tell(order);
        order.Lines.Add(new Line("b", 1, 2m));
        order.Id = 2;

        Order kept = await keeper.Ask(new GetOrder()).Within();
        Assert.Equal(1, kept.Id);
        Assert.Equal(["a"], kept.Lines.Select(l => l.Sku));
    }

    [Fact]
    public async Task The_receiver_mutating_its_copy_never_affects_the_sender()
    {
        await using var system = new ActorSystem();
        ActorRef<OrderKeeper> keeper = system.Spawn<OrderKeeper>();
        List<Line> mine = [new Line("mine", 1, 1m)];

        List<Line> reply = await keeper.Ask(mine).Within();

        Assert.Equal(["mine"], mine.Select(l => l.Sku));
        Assert.Equal(["kept"], reply.Select(l => l.Sku));
    }

    [Fact]
    public async Task An_Ask_reply_is_a_copy_the_replying_actor_cannot_change_afterwards()
    {
        await using var system = new ActorSystem();
        ActorRef<OrderKeeper> keeper = system.Spawn<OrderKeeper>();
        keeper.Tell(new Order { Id = 7 });

        Order first = await keeper.Ask(new GetOrder()).Within();
        await keeper.Ask(new List<Line>()).Within(); // the actor adds to its own state's lines
        first.Lines.Add(new Line("asker", 1, 1m)); // and the asker mutates its reply
        Order second = await keeper.Ask(new GetOrder()).Within();

        Assert.NotSame(first, second);
        Assert.Equal(["asker"], first.Lines.Select(l => l.Sku));
        Assert.Equal(["kept"], second.Lines.Select(l => l.Sku));
    }

    [Fact]
    public async Task Address_Send_copies_by_runtime_type()
    {
        await using var system = new ActorSystem();
        ActorRef<OrderKeeper> keeper = system.Spawn<OrderKeeper>();
        var order = new Order { Id = 3, Lines = [new Line("a", 1, 1m)] };

        keeper.Address.Send(order);
        order.Lines.Clear();

        Order kept = await keeper.Address.Ask<Order>(new GetOrder()).Within();
        Assert.Single(kept.Lines);
    }

    [Fact]
    public async Task Address_Send_of_a_type_without_a_copier_fails_clearly_and_delivers_nothing()
    {
        await using var system = new ActorSystem();
        ActorRef<OrderKeeper> keeper = system.Spawn<OrderKeeper>();

        var exception = Assert.Throws<MessageNotCopyableException>(() => keeper.Address.Send(new NobodyHandlesThis([1])));
        Assert.Equal(typeof(NobodyHandlesThis), exception.MessageType);
        await Assert.ThrowsAsync<MessageNotCopyableException>(() => keeper.Address.Ask<int>(new NobodyHandlesThis([1])));
        Assert.Equal(0, system.DeadLetters.Count);
    }

    [Fact]
    public async Task Nested_collections_are_copied_at_every_level()
    {
        await using var system = new ActorSystem();
        var received = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        ActorRef<Capture> capture = system.Spawn(() => new Capture(received));
        var order = new Order { Tags = { ["x"] = [1, 2] } };

        capture.Tell(order);
        order.Tags["x"].Add(3);

        var copy = (Order)await received.Task.Within();
        Assert.Equal([1, 2], copy.Tags["x"]);
        Assert.NotSame(order.Tags, copy.Tags);
    }

    [Fact]
    public async Task A_struct_message_gets_its_reference_members_copied()
    {
        await using var system = new ActorSystem();
        var received = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        ActorRef<Capture> capture = system.Spawn(() => new Capture(received));
        var bucket = new Bucket { Count = 1, Items = ["a"] };

        capture.Tell(bucket);
        bucket.Items.Add("b");

        var copy = (Bucket)await received.Task.Within();
        Assert.Equal(["a"], copy.Items!);
    }
}
