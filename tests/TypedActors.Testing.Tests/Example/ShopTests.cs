namespace TypedActors.Testing.Tests.Example;

public class OrderTests
{
    [Fact]
    public async Task An_unpaid_order_releases_its_goods_when_the_payment_window_closes()
    {
        await using var kit = new ActorTestKit();
        TestProbe<Warehouse> warehouse = kit.CreateProbe<Warehouse>();
        ActorRef<Order> order = kit.Spawn(() => new Order(warehouse.Ref));

        order.Tell(new PlaceOrder("apple", 3));
        ProbeAsk<Warehouse, Reserve> reserve = await warehouse.ExpectAskAsync<Reserve>();
        Assert.Equal(new Reserve("apple", 3), reserve.Message);
        reserve.Reply(true);                                   // Warehouse's handler returns bool: checked at compile time

        await kit.AdvanceAsync(Order.PaymentWindow - TimeSpan.FromSeconds(1));
        warehouse.ExpectNoMessage();                           // a second early: nothing yet
        await kit.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(new Release("apple", 3), await warehouse.ExpectMessageAsync<Release>());
        Assert.Equal("cancelled", await order.Ask(new GetStatus()));
    }

    [Fact]
    public async Task A_paid_order_has_a_child_ship_the_goods_and_releases_nothing()
    {
        await using var kit = new ActorTestKit();
        TestProbe<Warehouse> warehouse = kit.CreateProbe<Warehouse>();
        ActorRef<Order> order = kit.Spawn(() => new Order(warehouse.Ref));
        order.Tell(new PlaceOrder("pear", 1));
        (await warehouse.ExpectAskAsync<Reserve>()).Reply(true);

        await kit.AdvanceAsync(TimeSpan.FromMinutes(10));
        order.Tell(new PaymentReceived());
        Assert.Equal(new Ship("pear", 1), await warehouse.ExpectMessageAsync<Ship>()); // sent by the Delivery child

        await kit.AdvanceAsync(TimeSpan.FromHours(1));         // long past the payment window: its timer was cancelled
        warehouse.ExpectNoMessage();
        Assert.Equal("paid", await order.Ask(new GetStatus()));
        Assert.Empty(kit.DeadLetters);
    }
}
