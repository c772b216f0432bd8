namespace TypedActors.Benchmarks.Copying;

/// <summary>
/// Handles both sample messages, which is what makes the generator emit their copiers (copiers exist for the message
/// types of handlers). The copy benchmarks never send to it.
/// </summary>
public partial class CopyTarget : Actor
{
    [Receive]
    void On(OrderPlaced order)
    {
    }

    [Receive]
    void On(PriceQuoted quote)
    {
    }
}
