using Npgsql;
using TypedActors.Persistence.PostgreSql;

namespace TypedActors.Persistence.Tests.PostgreSql;

/// <summary>Options checked when a journal is made; tables created on start, by an explicit call, or refused when missing or newer.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresJournalOptionsTests(PostgresServer server)
{
    [Theory]
    [InlineData("", "public", "ConnectionString")]
    [InlineData("Host=db;Nonsense Keyword=1", "public", "ConnectionString")]
    [InlineData("Host=db", "Journal-Tables", "Schema")]
    [InlineData("Host=db", "journal; DROP TABLE x", "Schema")]
    [InlineData("Host=db", "", "Schema")]
    public void Malformed_options_are_refused_when_the_journal_is_made_naming_the_option(string connectionString, string schema, string option)
    {
        var options = new PostgresJournalOptions { ConnectionString = connectionString, Schema = schema };

        ArgumentException refused = Assert.Throws<ArgumentException>(() => new PostgresJournal(options));
        Assert.Equal(option, refused.ParamName);
        Assert.Contains("PostgresJournalOptions." + option, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_CreateSchema_missing_tables_fail_the_start_until_CreateSchemaAsync_creates_them()
    {
        var options = new PostgresJournalOptions { ConnectionString = await server.CreateDatabaseAsync("explicit"), Schema = "journal", CreateSchema = false };
        await using (var journal = new PostgresJournal(options))
        {
            PersistenceException missing = await Assert.ThrowsAsync<PersistenceException>(() => journal.StartAsync());
            Assert.Contains("CreateSchemaAsync", missing.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<PersistenceException>(() => journal.AcquireAsync("account-42").AsTask());
        }

        await PostgresJournal.CreateSchemaAsync(options);
        await PostgresJournal.CreateSchemaAsync(options); // again: nothing changes

        await using var created = new PostgresJournal(options);
        await created.StartAsync();
        PersistenceLease lease = await created.AcquireAsync("account-42");
        await created.AppendAsync(lease, 0, [new byte[] { 7 }]);
        Assert.Equal(1, await created.ReplayAsync("account-42", 1, new Conformance.RecordedEvents()));
    }

    [Fact]
    public async Task Journals_in_different_schemas_of_one_database_are_independent()
    {
        string database = await server.CreateDatabaseAsync("schemas");
        await using var left = new PostgresJournal(new PostgresJournalOptions { ConnectionString = database, Schema = "left_journal" });
        await using var right = new PostgresJournal(new PostgresJournalOptions { ConnectionString = database, Schema = "right_journal" });

        PersistenceLease inLeft = await left.AcquireAsync("account-42");
        PersistenceLease inRight = await right.AcquireAsync("account-42"); // the same id, another journal
        await left.AppendAsync(inLeft, 0, [new byte[] { 1 }, new byte[] { 2 }]);
        await right.AppendAsync(inRight, 0, [new byte[] { 3 }]);

        Assert.Equal(2, await left.ReplayAsync("account-42", 1, new Conformance.RecordedEvents()));
        Assert.Equal(1, await right.ReplayAsync("account-42", 1, new Conformance.RecordedEvents()));
    }

    [Fact]
    public async Task Tables_of_a_newer_version_are_refused_at_start()
    {
        string database = await server.CreateDatabaseAsync("newer");
        await PostgresJournal.CreateSchemaAsync(new PostgresJournalOptions { ConnectionString = database });
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var upgrade = new NpgsqlCommand("UPDATE typedactors_schema SET version = 2;", connection);
            Assert.Equal(1, await upgrade.ExecuteNonQueryAsync());
        }

        await using var journal = new PostgresJournal(database);
        NotSupportedException refused = await Assert.ThrowsAsync<NotSupportedException>(() => journal.StartAsync());
        Assert.Contains("version 2", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_journal_that_cannot_reach_its_server_fails_to_start_with_a_message_that_names_it_without_the_password()
    {
        string unreachable = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Port = 1, Password = "s3cret-word", Timeout = 5 }.ConnectionString;
        await using var journal = new PostgresJournal(unreachable);

        PersistenceException failed = await Assert.ThrowsAsync<PersistenceException>(() => journal.StartAsync());
        Assert.Contains("127.0.0.1", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-word", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-word", journal.ToString(), StringComparison.Ordinal);
    }
}
