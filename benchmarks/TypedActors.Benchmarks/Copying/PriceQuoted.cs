using MessagePack;
using Orleans;

namespace TypedActors.Benchmarks.Copying;

/// <summary>
/// The immutable message: a sealed record of immutable values. Sharing it is safe, so the ideal copy costs nothing.
/// Orleans only knows that when told, with <see cref="ImmutableAttribute"/>; MessagePack always round-trips.
/// </summary>
[GenerateSerializer]
[Immutable]
[MessagePackObject]
public sealed record PriceQuoted(
    [property: Id(0), Key(0)] int InstrumentId,
    [property: Id(1), Key(1)] string Symbol,
    [property: Id(2), Key(2)] decimal Price) : ICopySample<PriceQuoted>
{
    public static PriceQuoted CreateSample() => new(7, "MSFT", 415.25m);

    public PriceQuoted CopyByHand() => this;
}
