using Npgsql;

namespace TypedActors.Persistence.PostgreSql;

/// <summary>
/// The journal instance as an owner of persistence ids: an id from the schema's sequence, and a dedicated
/// (unpooled) connection whose session holds the advisory lock (schema key, id) for as long as the journal is open.
/// When the process ends, however it ends (a SIGKILL included), its connection closes, PostgreSQL drops the lock, and
/// the ids it owned can be taken over at once by another journal. Streams record their owner's id, and an owner whose
/// lock nobody holds is dead.
/// </summary>
internal sealed class OwnerSession : IAsyncDisposable
{
    private const int Attempts = 5;
    private readonly NpgsqlConnection _connection;
    private volatile bool _lost;

    private OwnerSession(NpgsqlConnection connection, int id)
    {
        _connection = connection;
        Id = id;
        connection.StateChange += (_, change) => _lost |= change.CurrentState is System.Data.ConnectionState.Closed or System.Data.ConnectionState.Broken;
    }

    /// <summary>This owner's id, as stored in the streams it owns.</summary>
    public int Id { get; }

    /// <summary>
    /// Whether the session that holds this owner's lock has ended (the server restarted, or the connection broke): the
    /// ids it owned may since have been taken over, so it acquires no more.
    /// </summary>
    public bool Lost => _lost;

    public static async Task<OwnerSession> OpenAsync(string connectionString, PostgresSchema schema, CancellationToken cancellationToken)
    {
        // Unpooled: a pooled connection returned to the pool would keep its session, and with it the lock. Keepalive
        // queries notice a broken connection while the journal is idle.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "TypedActors journal owner" };
        if (builder.KeepAlive == 0)
        {
            builder.KeepAlive = 15;
        }

        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            for (int attempt = 1; attempt <= Attempts; attempt++)
            {
                int id = await ScalarAsync<int>(connection, schema.NextOwnerId, cancellationToken).ConfigureAwait(false);

                // The sequence cycles after 2^31 journals; an id still locked by a live owner is skipped.
                if (await ScalarAsync<bool>(connection, $"SELECT pg_try_advisory_lock({schema.LockKey}, {id});", cancellationToken).ConfigureAwait(false))
                {
                    return new OwnerSession(connection, id);
                }
            }

            throw new InvalidOperationException($"Could not take an owner lock in schema '{schema.Name}' after {Attempts} attempts.");
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Ends the session, which drops the lock.</summary>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
