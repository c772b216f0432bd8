using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Runtime;

namespace TypedActors.Orleans.Hosting;

/// <summary>
/// Creates (or brings up to date) the membership schema that <see cref="PostgresClusteringExtensions.UsePostgresClustering(ISiloBuilder, string)"/>
/// points Orleans' ADO.NET clustering at, before the silo's membership starts. Idempotent and safe when several silos
/// start at once: the script runs in one transaction under an advisory lock.
/// </summary>
internal sealed class PostgresMembershipSchema(string connectionString, ILogger logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The ADO.NET invariant name Orleans knows Npgsql by.</summary>
    public const string Invariant = "Npgsql";

    private const string ResourceName = "TypedActors.Orleans.PostgresMembership.sql";

    // Any constant works; this one is the schema's own, so it does not wait for unrelated users of advisory locks.
    private const long LockKey = 0x5479706564416374; // "TypedAct"

    private static readonly Lazy<string> s_script = new(ReadScript);

    /// <summary>The script, as this library ships it.</summary>
    public static string Script => s_script.Value;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresMembershipSchema), ServiceLifecycleStage.First, CreateAsync);

    /// <summary>Runs the script.</summary>
    /// <exception cref="NpgsqlException">The database could not be reached, or refused the script (for example, the role may not create tables).</exception>
    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockSchema = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LockKey})", connection, transaction))
        {
            await lockSchema.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var create = new NpgsqlCommand(Script, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        logger.LogDebug("The PostgreSQL membership schema is in place.");
    }

    private static string ReadScript()
    {
        using Stream stream = typeof(PostgresMembershipSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from {typeof(PostgresMembershipSchema).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
