namespace TypedActors.Persistence.Sqlite;

/// <summary>
/// The tables of the journal. A stream row per persistence id holds its last sequence number and its owner with the
/// owner's fencing epoch; events are keyed by (stream, sequence number) in a table without row ids, so a stream's
/// events sit together in key order and a replay reads them in one range scan; a snapshot row per stream keeps the latest.
/// </summary>
internal static class JournalSchema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS typedactors_schema (version INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS typedactors_streams (
            stream_id INTEGER PRIMARY KEY,
            persistence_id TEXT NOT NULL UNIQUE,
            last_seq INTEGER NOT NULL,
            owner TEXT NULL,
            epoch INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS typedactors_events (
            stream_id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            payload BLOB NOT NULL,
            PRIMARY KEY (stream_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS typedactors_snapshots (
            stream_id INTEGER PRIMARY KEY,
            seq INTEGER NOT NULL,
            data BLOB NOT NULL
        );
        INSERT INTO typedactors_schema (version) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM typedactors_schema);
        """;

    public const string ReadVersion = "SELECT max(version) FROM typedactors_schema;";

    public const string FindStream = "SELECT stream_id, owner, epoch, last_seq FROM typedactors_streams WHERE persistence_id = $pid;";

    public const string InsertStream =
        "INSERT INTO typedactors_streams (persistence_id, last_seq, owner, epoch) VALUES ($pid, 0, $owner, 1) RETURNING stream_id;";

    public const string TakeStream = "UPDATE typedactors_streams SET owner = $owner, epoch = epoch + 1 WHERE stream_id = $id RETURNING epoch;";

    public const string ReleaseStream = "UPDATE typedactors_streams SET owner = NULL WHERE stream_id = $id AND owner = $owner AND epoch = $epoch;";

    /// <summary>The fenced, optimistic step of an append: it changes one row only if the lease and the expected sequence number still hold.</summary>
    public const string AdvanceStream =
        "UPDATE typedactors_streams SET last_seq = $last WHERE stream_id = $id AND last_seq = $expected AND owner = $owner AND epoch = $epoch;";

    public const string ReadStream = "SELECT last_seq, owner, epoch FROM typedactors_streams WHERE stream_id = $id;";

    public const string InsertEvent = "INSERT INTO typedactors_events (stream_id, seq, payload) VALUES ($id, $seq, $payload);";

    public const string CheckOwner = "SELECT count(*) FROM typedactors_streams WHERE stream_id = $id AND owner = $owner AND epoch = $epoch;";

    public const string SaveSnapshot = """
        INSERT INTO typedactors_snapshots (stream_id, seq, data) VALUES ($id, $seq, $data)
        ON CONFLICT (stream_id) DO UPDATE SET seq = excluded.seq, data = excluded.data WHERE excluded.seq > typedactors_snapshots.seq;
        """;

    public const string ReleaseAll = "UPDATE typedactors_streams SET owner = NULL WHERE owner = $owner;";

    public const string ReadEvents = """
        SELECT e.seq, e.payload FROM typedactors_events e
        WHERE e.stream_id = (SELECT stream_id FROM typedactors_streams WHERE persistence_id = $pid) AND e.seq >= $from
        ORDER BY e.seq;
        """;

    public const string ReadSnapshot = """
        SELECT s.seq, s.data FROM typedactors_snapshots s
        WHERE s.stream_id = (SELECT stream_id FROM typedactors_streams WHERE persistence_id = $pid);
        """;
}
