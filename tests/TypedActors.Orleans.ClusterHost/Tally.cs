namespace TypedActors.Orleans.ClusterHost;

public sealed record Add(int Amount);

public sealed record Total;

/// <summary>A sum that lives as long as its silo: what the multi-process tests spawn, tell and ask.</summary>
public partial class Tally : Actor
{
    private int _total;

    [Receive]
    public void On(Add add) => _total += add.Amount;

    [Receive]
    public int On(Total request) => _total;
}
