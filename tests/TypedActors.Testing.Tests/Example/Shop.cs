namespace TypedActors.Testing.Tests.Example;

public sealed record PlaceOrder(string Sku, int Quantity);
public sealed record PaymentReceived;
public sealed record GetStatus;
public sealed record Reserve(string Sku, int Quantity);
public sealed record Release(string Sku, int Quantity);
public sealed record Ship(string Sku, int Quantity);

/// <summary>Keeps stock. The order below only talks to it; its tests replace it with a probe.</summary>
public partial class Warehouse : Actor
{
    private readonly Dictionary<string, int> _stock = [];

    [Receive]
    bool On(Reserve reserve)
    {
        int left = _stock.GetValueOrDefault(reserve.Sku) - reserve.Quantity;
        if (left < 0)
        {
            return false;
        }

        _stock[reserve.Sku] = left;
        return true;
    }

    [Receive] void On(Release release) => _stock[release.Sku] = _stock.GetValueOrDefault(release.Sku) + release.Quantity;

    [Receive] void On(Ship ship) { /* hand the goods to a courier */ }
}

/// <summary>
/// One order: reserves its goods with the warehouse (an ask), waits 15 minutes for the payment (a timer), then either
/// releases the goods or has a child deliver them.
/// </summary>
public partial class Order : Actor
{
    public static readonly TimeSpan PaymentWindow = TimeSpan.FromMinutes(15);

    private readonly ActorRef<Warehouse> _warehouse;
    private PlaceOrder? _line;
    private ActorTimer? _paymentDue;

    public Order(ActorRef<Warehouse> warehouse) => _warehouse = warehouse;

    public string Status { get; private set; } = "new";

    [Receive]
    async Task On(PlaceOrder order)
    {
        bool reserved = await _warehouse.Ask(new Reserve(order.Sku, order.Quantity));
        if (!reserved)
        {
            Status = "out of stock";
            return;
        }

        _line = order;
        Status = "awaiting payment";
        _paymentDue = SendAfter(PaymentWindow, new PaymentOverdue());
    }

    [Receive]
    void On(PaymentReceived _)
    {
        if (_line is null || _paymentDue is null || _paymentDue.IsCancelled)
        {
            return;
        }

        _paymentDue.Cancel();
        Spawn(() => new Delivery(_warehouse, _line));
        Status = "paid";
    }

    [Receive]
    void On(PaymentOverdue _)
    {
        _warehouse.Tell(new Release(_line!.Sku, _line.Quantity));
        Status = "cancelled";
    }

    [Receive] string On(GetStatus _) => Status;

    public sealed record PaymentOverdue;
}

/// <summary>The child of a paid order: asks the warehouse to ship, then stops.</summary>
public partial class Delivery(ActorRef<Warehouse> warehouse, PlaceOrder line) : Actor
{
    protected override Task OnStarted()
    {
        warehouse.Tell(new Ship(line.Sku, line.Quantity));
        Stop();
        return Task.CompletedTask;
    }
}
