namespace TypedActors.Generators.Tests;

/// <summary>Actor sources shared by the snapshot, compilation and caching tests.</summary>
internal static class Sources
{
    public const string Account = """
        using System.Threading.Tasks;
        using TypedActors;

        namespace Bank;

        public sealed record Deposit(decimal Amount);
        public sealed record Withdraw(decimal Amount);
        public sealed record GetBalance;

        public partial class Account : Actor
        {
            private decimal _balance;

            [Receive] void On(Deposit m) => _balance += m.Amount;
            [Receive] decimal On(GetBalance _) => _balance;
            [Receive] async Task<bool> On(Withdraw m)
            {
                if (m.Amount > _balance) return false;
                await Task.Yield();
                _balance -= m.Amount;
                return true;
            }
        }
        """;

    public const string ReturnShapes = """
        using System.Threading;
        using System.Threading.Tasks;
        using TypedActors;

        namespace Shapes;

        public record Shape;
        public record Circle(double Radius) : Shape;
        public interface IQuery { }
        public sealed record Lookup(string Key) : IQuery;
        public sealed record Fire;
        public sealed record Flush;
        public sealed record Count;

        public partial class Everything : Actor
        {
            [Receive] string On(Shape shape) => "shape";
            [Receive] string On(Circle circle) => "circle";
            [Receive] int On(IQuery query) => 1;
            [Receive] string? On(Lookup lookup) => null;
            [Receive] Task On(Fire fire, CancellationToken cancellationToken) => Task.Delay(1, cancellationToken);
            [Receive] ValueTask On(Flush flush) => default;
            [Receive] ValueTask<long> On(Count count) => new(42L);
        }
        """;

    public const string Special = """
        using System;
        using TypedActors;

        public sealed record Ping;

        public partial class GlobalSilent : Actor
        {
        }

        namespace Outer.Space
        {
            internal sealed record Secret(int Code);

            public partial class Station
            {
                public partial class Module : Actor
                {
                    [Receive] void On(Ping ping) { }
                    [Receive] int On(Secret secret) => secret.Code;
                }
            }

            public partial class WithServices : Actor
            {
                private readonly TimeProvider _clock;

                public WithServices(TimeProvider clock, IServiceProvider services) => _clock = clock;

                [Receive] DateTimeOffset On(Ping ping) => _clock.GetUtcNow();
            }

            public abstract partial class Base : Actor
            {
                [Receive] int On(Ping ping) => 1;
            }

            public partial class Derived : Base
            {
                [Receive] string On(Secret secret) => "derived";
            }
        }
        """;

    public const string Stateful = """
        using System;
        using System.Collections.Generic;
        using TypedActors;

        namespace Ledger;

        [ActorMessage]
        public sealed record OpenLedger(string Owner, decimal Limit);

        public sealed record Post(decimal Amount);

        public abstract partial class Book : Actor
        {
            [State] protected int _entries;
            [Receive] void On(Post post) => _entries++;
        }

        public partial class Ledger : Book
        {
            public const int MaxEntries = 100;
            private static int s_created;
            [State] private readonly string _owner;
            [State] private decimal _balance;
            [State] private readonly List<decimal> _history = new();
            [State] private int @event;
            [State] internal int Revision { get; private set; }
            private readonly string _apiKey = "not shown";
            [NotState] private readonly Func<decimal, bool> _policy = _ => true;
            public string Status { get; private set; } = "open";
            [NotState] public string Secret { get; set; } = "";
            public decimal Doubled => _balance * 2;
            public event EventHandler? Changed;

            public Ledger(OpenLedger open) => _owner = open.Owner;

            [Receive] decimal On(decimal amount)
            {
                s_created++;
                @event++;
                Revision += _apiKey.Length;
                _history.Add(amount);
                Changed?.Invoke(this, EventArgs.Empty);
                return _policy(amount) ? _balance += amount : _balance;
            }
        }
        """;

    public const string Generic = """
        using System.Collections.Generic;
        using TypedActors;

        namespace Caching;

        public sealed record Put<TKey, TValue>(TKey Key, TValue Value);
        public sealed record Get<TKey>(TKey Key);
        public sealed record Count;

        public sealed partial class Cache<TKey, TValue> : Actor
            where TKey : notnull
        {
            private readonly Dictionary<TKey, TValue> _items = new();

            [Receive] void On(Put<TKey, TValue> put) => _items[put.Key] = put.Value;
            [Receive] TValue? On(Get<TKey> get) => _items.TryGetValue(get.Key, out TValue? value) ? value : default;
            [Receive] int On(Count _) => _items.Count;
            [Receive] int On((TKey Key, int Times) probe) => probe.Times;
        }

        public static class Use
        {
            public static ActorRef<Cache<string, int>> Start(ActorSystem system) => system.Spawn<Cache<string, int>>();
        }
        """;
}
