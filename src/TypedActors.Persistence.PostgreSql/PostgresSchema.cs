namespace TypedActors.Persistence.PostgreSql;

/// <summary>
/// The journal's tables in one PostgreSQL schema, and its statements. A stream row per persistence id holds its last
/// sequence number, its owner (a journal instance) and the owner's fencing epoch; events are keyed by (stream,
/// sequence number), so a replay is one range scan of the primary key; a snapshot row per stream keeps the latest.
/// </summary>
/// <remarks>
/// An owner is alive while its session holds the advisory lock (<see cref="LockKey"/>, owner id): PostgreSQL drops a
/// session's advisory locks when its connection ends, however the client process ended.
/// </remarks>
internal sealed class PostgresSchema
{
    public const int Version = 1;

    public PostgresSchema(string schema)
    {
        Name = schema;
        LockKey = KeyOf(schema);
        string s = schema;
        Create = $"""
            SELECT pg_advisory_xact_lock({LockKey}, 0);
            CREATE SCHEMA IF NOT EXISTS {s};
            CREATE TABLE IF NOT EXISTS {s}.typedactors_schema (version integer NOT NULL);
            CREATE SEQUENCE IF NOT EXISTS {s}.typedactors_owner_ids AS integer MINVALUE 1 CYCLE;
            CREATE TABLE IF NOT EXISTS {s}.typedactors_streams (
                stream_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                persistence_id text NOT NULL UNIQUE,
                last_seq bigint NOT NULL,
                owner integer NULL,
                epoch bigint NOT NULL
            );
            CREATE TABLE IF NOT EXISTS {s}.typedactors_events (
                stream_id bigint NOT NULL,
                seq bigint NOT NULL,
                payload bytea NOT NULL,
                PRIMARY KEY (stream_id, seq)
            );
            CREATE TABLE IF NOT EXISTS {s}.typedactors_snapshots (
                stream_id bigint PRIMARY KEY,
                seq bigint NOT NULL,
                data bytea NOT NULL
            );
            INSERT INTO {s}.typedactors_schema (version) SELECT {Version} WHERE NOT EXISTS (SELECT 1 FROM {s}.typedactors_schema);
            """;
        ReadVersion = $"SELECT max(version) FROM {s}.typedactors_schema;";
        NextOwnerId = $"SELECT nextval('{s}.typedactors_owner_ids')::integer;";
        EnsureStream = $"INSERT INTO {s}.typedactors_streams (persistence_id, last_seq, owner, epoch) VALUES (@pid, 0, NULL, 0) ON CONFLICT (persistence_id) DO NOTHING;";
        LockStream = $"""
            SELECT s.stream_id, s.owner, s.owner IS NOT NULL AND EXISTS (
                SELECT 1 FROM pg_locks l
                WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND l.classid = {LockKey}::oid AND l.objid = s.owner::oid)
            FROM {s}.typedactors_streams s WHERE s.persistence_id = @pid FOR UPDATE OF s;
            """;
        TakeStream = $"UPDATE {s}.typedactors_streams SET owner = @owner, epoch = epoch + 1 WHERE stream_id = @id RETURNING epoch;";
        ReleaseStream = $"UPDATE {s}.typedactors_streams SET owner = NULL WHERE stream_id = @id AND owner = @owner AND epoch = @epoch;";
        ReleaseAll = $"UPDATE {s}.typedactors_streams SET owner = NULL WHERE owner = @owner;";
        Append = $"""
            WITH appends AS (
                SELECT * FROM unnest(@ids, @expected, @owners, @epochs, @counts) WITH ORDINALITY AS a(stream_id, expected, owner, epoch, n, k)),
            advanced AS (
                UPDATE {s}.typedactors_streams s SET last_seq = a.expected + a.n
                FROM appends a
                WHERE s.stream_id = a.stream_id AND s.last_seq = a.expected AND s.owner = a.owner AND s.epoch = a.epoch
                RETURNING a.k, a.stream_id, a.expected),
            stored AS (
                INSERT INTO {s}.typedactors_events (stream_id, seq, payload)
                SELECT v.stream_id, v.expected + e.n, e.payload
                FROM advanced v JOIN unnest(@event_appends, @event_numbers, @payloads) AS e(k, n, payload) ON e.k = v.k)
            SELECT k FROM advanced;
            """;
        ReadStream = $"SELECT last_seq, owner, epoch FROM {s}.typedactors_streams WHERE stream_id = @id;";
        SaveSnapshot = $"""
            INSERT INTO {s}.typedactors_snapshots (stream_id, seq, data)
            SELECT stream_id, @seq, @data FROM {s}.typedactors_streams WHERE stream_id = @id AND owner = @owner AND epoch = @epoch FOR SHARE
            ON CONFLICT (stream_id) DO UPDATE SET seq = excluded.seq, data = excluded.data WHERE excluded.seq > {s}.typedactors_snapshots.seq;
            """;
        ReadEvents = $"""
            SELECT e.seq, e.payload FROM {s}.typedactors_events e
            WHERE e.stream_id = (SELECT stream_id FROM {s}.typedactors_streams WHERE persistence_id = @pid) AND e.seq >= @from
            ORDER BY e.seq;
            """;
        ReadSnapshot = $"""
            SELECT n.seq, n.data FROM {s}.typedactors_snapshots n
            WHERE n.stream_id = (SELECT stream_id FROM {s}.typedactors_streams WHERE persistence_id = @pid);
            """;
    }

    /// <summary>The schema's name.</summary>
    public string Name { get; }

    /// <summary>The first key of the advisory locks of this schema's owners (the second is the owner id; 0 guards creation).</summary>
    public int LockKey { get; }

    public string Create { get; }

    public string ReadVersion { get; }

    public string NextOwnerId { get; }

    public string EnsureStream { get; }

    /// <summary>Locks the stream row for the acquiring transaction and says whether its owner's session still lives.</summary>
    public string LockStream { get; }

    public string TakeStream { get; }

    public string ReleaseStream { get; }

    public string ReleaseAll { get; }

    /// <summary>
    /// The fenced, optimistic append of any number of streams in one statement (<see cref="AppendBatcher"/>): each
    /// stream row advances only if its lease and expected sequence number still hold, and its events are inserted only
    /// if it did. Returns the ordinal (from 1) of each append that advanced; an append missing from the result was
    /// refused and stored nothing.
    /// </summary>
    public string Append { get; }

    public string ReadStream { get; }

    /// <summary>Saves a snapshot if the lease still owns the stream (no row written means refused, or older than the stored one).</summary>
    public string SaveSnapshot { get; }

    public string ReadEvents { get; }

    public string ReadSnapshot { get; }

    /// <summary>FNV-1a of the schema name, positive: the journals of one schema share it, other schemas' differ.</summary>
    private static int KeyOf(string schema)
    {
        uint hash = 2166136261;
        foreach (char c in "typedactors." + schema)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash & 0x7FFFFFFF);
    }
}
