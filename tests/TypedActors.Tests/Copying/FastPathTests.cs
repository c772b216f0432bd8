using TypedActors.Copying;

namespace TypedActors.Tests.Copying;

public class FastPathTests
{
    private static async Task<object> Deliver(Action<ActorRef<Capture>> send)
    {
        await using var system = new ActorSystem();
        var received = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        send(system.Spawn(() => new Capture(received)));
        return await received.Task.Within();
    }

    [Fact]
    public async Task A_proven_immutable_message_arrives_as_the_same_instance()
    {
        var line = new Line("sku", 2, 9.5m);
        Assert.Same(line, await Deliver(c => c.Tell(line)));
        Assert.Same(line, await Deliver(c => c.Address.Send(line)));
        Assert.True(Copier<Line>.IsImmutable);
    }

    [Fact]
    public async Task A_mutable_message_never_arrives_as_the_same_instance()
    {
        var order = new Order { Id = 5 };
        object received = await Deliver(c => c.Tell(order));
        Assert.NotSame(order, received);
        Assert.Equal(5, ((Order)received).Id);
        Assert.False(Copier<Order>.IsImmutable);
    }

    [Fact]
    public async Task A_type_marked_Immutable_is_passed_by_reference()
    {
        var stamp = new Stamp("approved");
        Assert.Same(stamp, await Deliver(c => c.Tell(stamp)));
        Assert.True(Copier<Stamp>.IsImmutable);
    }

    [Fact]
    public async Task A_derived_instance_sent_as_its_base_type_is_copied_by_its_own_copier()
    {
        var polygon = new Polygon([1, 2, 3]) { Label = "triangle" };
        object received = await Deliver(c => c.Tell((Shape)polygon));

        Polygon copy = Assert.IsType<Polygon>(received);
        Assert.NotSame(polygon, copy);
        Assert.NotSame(polygon.Sides, copy.Sides);
        Assert.Equal([1, 2, 3], copy.Sides);
        Assert.Equal("triangle", copy.Label);
    }

    [Fact]
    public void Shared_sub_objects_are_duplicated_in_the_copy()
    {
        var order = new Order { Id = 1 };
        Twice copy = Copier<Twice>.Copy(new Twice(order, order));

        Assert.NotSame(copy.First, copy.Second);
        Assert.Equal(1, copy.Second.Id);
    }
}
