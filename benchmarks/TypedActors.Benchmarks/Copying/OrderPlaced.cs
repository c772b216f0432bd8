using MessagePack;
using Orleans;

namespace TypedActors.Benchmarks.Copying;

/// <summary>The small mutable message: three fields and a list of five ints. Sending it safely needs a deep copy.</summary>
[GenerateSerializer]
[MessagePackObject]
public sealed class OrderPlaced : ICopySample<OrderPlaced>
{
    [Id(0)]
    [Key(0)]
    public int OrderId { get; set; }

    [Id(1)]
    [Key(1)]
    public string Customer { get; set; } = "";

    [Id(2)]
    [Key(2)]
    public double Total { get; set; }

    [Id(3)]
    [Key(3)]
    public List<int> Quantities { get; set; } = [];

    public static OrderPlaced CreateSample() =>
        new() { OrderId = 42, Customer = "ACME Corporation", Total = 1234.5, Quantities = [1, 2, 3, 4, 5] };

    public OrderPlaced CopyByHand() =>
        new() { OrderId = OrderId, Customer = Customer, Total = Total, Quantities = [.. Quantities] };
}
