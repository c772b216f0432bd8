
namespace TypedActors.Benchmarks.Persistence;

using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;

public sealed record AkkaIncrement(long Value);
public sealed record AkkaIncrementMany(long From, int Count);
public sealed record AkkaIncremented(long Value);
public sealed record AkkaGetTotal;
public sealed record AkkaTotal(long Count, long Total);
public sealed record AkkaDone;

/// <summary>
/// Akka.NET's persistent counter, idiomatic: a <see cref="ReceivePersistentActor"/> that persists, applies in the
/// persist callback and replies from there; commands that arrive meanwhile are stashed by Akka.Persistence.
/// </summary>
public sealed class AkkaPersistentCounter : ReceivePersistentActor
{
    private readonly int _snapshotEvery;
    private long _count;
    private long _total;

    public AkkaPersistentCounter(string persistenceId, int snapshotEvery)
    {
        PersistenceId = persistenceId;
        _snapshotEvery = snapshotEvery;
        Recover<AkkaIncremented>(Apply);
        Recover<SnapshotOffer>(offer =>
        {
            var state = (AkkaTotal)offer.Snapshot;
            _count = state.Count;
            _total = state.Total;
        });
        Command<AkkaIncrement>(m => Persist(new AkkaIncremented(m.Value), e =>
        {
            Apply(e);
            Sender.Tell(new AkkaDone());
        }));
        Command<AkkaIncrementMany>(m =>
        {
            IActorRef sender = Sender;
            AkkaIncremented[] events = [.. Enumerable.Range(0, m.Count).Select(i => new AkkaIncremented(m.From + i))];
            int applied = 0;
            PersistAll(events, e =>
            {
                Apply(e);
                if (_snapshotEvery > 0 && _count % _snapshotEvery == 0)
                {
                    SaveSnapshot(new AkkaTotal(_count, _total));
                }

                if (++applied == events.Length)
                {
                    sender.Tell(new AkkaDone());
                }
            });
        });
        Command<AkkaGetTotal>(_ => Sender.Tell(new AkkaTotal(_count, _total)));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(failure => throw failure.Cause);
    }

    public override string PersistenceId { get; }

    private void Apply(AkkaIncremented e)
    {
        _count++;
        _total += e.Value;
    }
}

/// <summary>Akka.NET systems on Akka.Persistence.Sql (linq2db): over SQLite (Microsoft.Data.Sqlite) or PostgreSQL (Npgsql).</summary>
public static class AkkaSql
{
    public static ActorSystem OnSqlite(string database) => Create($"Data Source={database}", "SQLite.MS");

    public static ActorSystem OnPostgres(string connectionString) => Create(connectionString, "PostgreSQL.15");

    private static ActorSystem Create(string connectionString, string provider) => ActorSystem.Create("benchmarks", ConfigurationFactory.ParseString($$"""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.persistence {
          journal {
            plugin = "akka.persistence.journal.sql"
            sql {
              connection-string = "{{connectionString}}"
              provider-name = "{{provider}}"
              auto-initialize = true
            }
          }
          snapshot-store {
            plugin = "akka.persistence.snapshot-store.sql"
            sql {
              connection-string = "{{connectionString}}"
              provider-name = "{{provider}}"
              auto-initialize = true
            }
          }
        }
        """).WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration));
}
