using System.Collections.Immutable;

namespace TypedActors.Persistence.Tests;

public readonly record struct Moved(int X, int Y);
public sealed record Named(string Name);
public sealed record Linked(ActorRef<Ledger> Ledger, ActorRef<Board> Peer);
public sealed record Move(int X, int Y);
public sealed record Rename(string Name);
public sealed record LinkTo(ActorRef<Ledger> Ledger, ActorRef<Board> Peer);
public sealed record Describe;
public sealed record GetLinks;

/// <summary>Every way the generated snapshot writes a member back, and addresses stored in an event.</summary>
[Persistent(SnapshotEvery = 1)]
public partial class Board : Actor
{
    private readonly List<string> _names = [];
    private (int X, int Y) _position;
    private string? _title;
    private ActorRef<Ledger> _ledger;
    private ActorRef<Board> _peer;
    [NotState] private int _constructed = 7;

    public int Moves { get; private set; }

    public Dictionary<string, int> Counts { get; } = [];

    public ImmutableList<string> History { get; private set; } = [];

    [Receive] Task On(Move m) => Persist(new Moved(m.X, m.Y));

    [Receive] Task On(Rename m) => Persist(new Named(m.Name));

    [Receive] Task On(LinkTo m) => Persist(new Linked(m.Ledger, m.Peer));

    [Receive]
    string On(Describe _) =>
        $"names={string.Join(",", _names)} position={_position} title={_title ?? "none"} moves={Moves} " +
        $"counts={string.Join(",", Counts.OrderBy(c => c.Key).Select(c => $"{c.Key}:{c.Value}"))} history={string.Join(",", History)} constructed={_constructed}";

    [Receive] (ActorRef<Ledger> Ledger, ActorRef<Board> Peer) On(GetLinks _) => (_ledger, _peer);

    [Apply]
    void Apply(Moved e)
    {
        _position = (e.X, e.Y);
        Moves++;
    }

    [Apply]
    void Apply(Named e)
    {
        _names.Add(e.Name);
        _title = e.Name;
        Counts[e.Name] = Counts.GetValueOrDefault(e.Name) + 1;
        History = History.Add(e.Name);
    }

    [Apply]
    void Apply(Linked e)
    {
        _ledger = e.Ledger;
        _peer = e.Peer;
    }
}
