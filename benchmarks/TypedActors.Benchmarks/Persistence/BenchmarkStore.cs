using TypedActors.Testing.PostgreSql;

namespace TypedActors.Benchmarks.Persistence;

/// <summary>Where the persistence benchmarks keep their events: each framework's journal on this store.</summary>
public enum BenchmarkStore
{
    /// <summary>SQLite files in WAL mode in one folder of the machine's disk (<see cref="BenchmarkDatabases"/>).</summary>
    Sqlite,

    /// <summary>A PostgreSQL 15 server this benchmark process starts for itself (initdb in a temporary folder, a free port), one database per setup.</summary>
    PostgreSql,
}

/// <summary>The journals of both frameworks on a <see cref="BenchmarkStore"/>, and the PostgreSQL server of this process.</summary>
public static class BenchmarkJournals
{
    private static PostgresServer? s_server;

    /// <summary>A TypedActors system on a database no earlier setup has touched.</summary>
    public static async Task<TypedActorsJournal> FreshTypedActorsAsync(BenchmarkStore store, string name) => store switch
    {
        BenchmarkStore.Sqlite => TypedActorsJournal.OnSqlite(BenchmarkDatabases.Fresh(name)),
        _ => TypedActorsJournal.OnPostgres(await FreshPostgresAsync(name).ConfigureAwait(false)),
    };

    /// <summary>An Akka.NET system on a database no earlier setup has touched.</summary>
    public static async Task<Akka.Actor.ActorSystem> FreshAkkaAsync(BenchmarkStore store, string name) => store switch
    {
        BenchmarkStore.Sqlite => AkkaSql.OnSqlite(BenchmarkDatabases.Fresh(name)),
        _ => AkkaSql.OnPostgres(await FreshPostgresAsync(name).ConfigureAwait(false)),
    };

    /// <summary>Stops this process's PostgreSQL server, if it started one.</summary>
    public static async Task StopServerAsync()
    {
        if (s_server is { } server)
        {
            s_server = null;
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A database no earlier setup has touched, on this process's PostgreSQL server (started on first use).</summary>
    public static async Task<string> FreshPostgresAsync(string name)
    {
        if (s_server is null)
        {
            var server = new PostgresServer();
            await server.InitializeAsync().ConfigureAwait(false);
            s_server = server;
        }

        return await s_server.CreateDatabaseAsync(name.Replace('-', '_')).ConfigureAwait(false);
    }
}
