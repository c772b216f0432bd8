namespace TypedActors.Generators.Tests.Persistence;

/// <summary>Persistent actors the persistence tests of the generator compile.</summary>
internal static class PersistentSources
{
    public const string Account = """
        using System.Threading.Tasks;
        using TypedActors;

        namespace Bank;

        public sealed record Deposit(decimal Amount);
        public sealed record Deposited(decimal Amount);
        public sealed record Withdrawn(decimal Amount);

        [Persistent(SnapshotEvery = 500)]
        public partial class Account : Actor
        {
            private decimal _balance;

            [Receive] Task On(Deposit m) => Persist(new Deposited(m.Amount));

            [Apply] void Apply(Deposited e) => _balance += e.Amount;

            [Apply] void Apply(Withdrawn e) => _balance -= e.Amount;
        }
        """;

    /// <summary>Every way a member is written back, a struct event, a nested actor, and a member left out with [NotState].</summary>
    public const string Shapes = """
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using TypedActors;

        namespace Shapes;

        public readonly record struct Moved(int X, int Y);
        public sealed record Named(string Name);

        public partial class Outer
        {
            [Persistent]
            public partial class Board : Actor
            {
                private readonly List<string> _names = new();
                private (int X, int Y) _position;
                private string? _title;
                [NotState] private readonly System.Random _random = new(1);

                public int Moves { get; private set; }

                public Dictionary<string, int> Counts { get; } = new();

                public ImmutableList<string> History { get; private set; } = ImmutableList<string>.Empty;

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
                    History = History.Add(e.Name + _random.Next(1));
                }
            }
        }
        """;

    /// <summary>Renames that keep their wire names: an event type, a positional member, an init member and an actor field.</summary>
    public const string Renamed = """
        using System.Threading.Tasks;
        using TypedActors;

        namespace Ledger;

        public sealed record Credit(decimal Amount);

        [WireName("Ledger.Credited")]
        public sealed record MoneyCredited([WireName("Amount")] decimal Sum)
        {
            [WireName("memo")] public string? Note { get; init; }
        }

        [Persistent]
        public partial class Book : Actor
        {
            [WireName("_balance")] private decimal _total;

            [Receive] Task On(Credit m) => Persist(new MoneyCredited(m.Amount));

            [Apply] void Apply(MoneyCredited e) => _total += e.Sum;
        }
        """;
}
