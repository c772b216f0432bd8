using System.Text.RegularExpressions;
using Npgsql;

namespace TypedActors.Persistence.PostgreSql;

/// <summary>Where a <see cref="PostgresJournal"/> keeps its tables, and whether it creates them.</summary>
public sealed partial class PostgresJournalOptions
{
    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Database=app;Username=app;Password=...</c>. Required.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The PostgreSQL schema that holds the journal's tables (<c>typedactors_streams</c>, <c>typedactors_events</c>,
    /// <c>typedactors_snapshots</c>, <c>typedactors_schema</c>). Default <c>public</c>. Journals in different schemas
    /// of one database are independent.
    /// </summary>
    public string Schema { get; set; } = "public";

    /// <summary>
    /// Whether the journal creates its schema and tables when it starts (default true). Set false when the
    /// application's database user may not run DDL: create them beforehand with
    /// <see cref="PostgresJournal.CreateSchemaAsync"/> (or the script in docs/persistence.md); the journal then only
    /// checks that they are there.
    /// </summary>
    public bool CreateSchema { get; set; } = true;

    /// <summary>Throws when an option is missing or malformed, naming it.</summary>
    /// <exception cref="ArgumentException">The connection string is missing or cannot be parsed, or the schema name is not a plain identifier.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("PostgresJournalOptions.ConnectionString is required (e.g. \"Host=db;Database=app;Username=app\").", nameof(ConnectionString));
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"PostgresJournalOptions.ConnectionString is not a valid Npgsql connection string: {exception.Message}", nameof(ConnectionString), exception);
        }

        if (Schema is null || !SchemaName().IsMatch(Schema))
        {
            throw new ArgumentException(
                $"PostgresJournalOptions.Schema '{Schema}' is not a plain PostgreSQL identifier: 1 to 63 lower-case letters, digits and underscores, starting with a letter or underscore.",
                nameof(Schema));
        }
    }

    /// <summary>A copy, so that changes to these options after a journal started do not reach it.</summary>
    internal PostgresJournalOptions Copy() => new() { ConnectionString = ConnectionString, Schema = Schema, CreateSchema = CreateSchema };

    // Lower case only: an unquoted identifier is folded to lower case by PostgreSQL, so this is the name it stores.
    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
