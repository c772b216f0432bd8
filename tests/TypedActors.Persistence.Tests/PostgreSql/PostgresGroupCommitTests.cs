using Npgsql;
using TypedActors.Persistence.PostgreSql;

namespace TypedActors.Persistence.Tests.PostgreSql;

/// <summary>
/// Group commit: appends of many persistence ids at once share transactions, and each append keeps its own outcome
/// whether the batch it travelled in succeeded or failed.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGroupCommitTests(PostgresServer server)
{
    private const int Streams = 200;

    [Fact]
    public async Task Appends_of_many_ids_at_once_share_transactions_and_a_refused_one_fails_alone()
    {
        string database = await server.CreateDatabaseAsync("group_commit");
        await using var journal = new PostgresJournal(database);
        PersistenceLease[] leases = await AcquireAllAsync(journal);

        // Stream 57's writer expects an event that is not there: its append must fail and change nothing.
        Task[] appends = [.. leases.Select((lease, i) => journal.AppendAsync(lease, i == 57 ? 5 : 0, [new byte[] { (byte)i }]).AsTask())];
        await Task.WhenAll(appends).ContinueWith(static _ => { }, TaskScheduler.Default);

        Assert.IsType<PersistenceConflictException>(appends[57].Exception?.InnerException);
        Assert.All(appends.Where((_, i) => i != 57), append => Assert.True(append.IsCompletedSuccessfully));
        await AssertStoredAsync(journal, failed: 57);

        // Each inserting transaction leaves its id on the rows it wrote: far fewer transactions than appends.
        long transactions = await ScalarAsync(database, "SELECT count(DISTINCT xmin::text) FROM public.typedactors_events");
        Assert.InRange(transactions, 1, Streams / 4);
    }

    [Fact]
    public async Task When_one_append_breaks_its_batch_the_others_are_stored_and_it_fails_with_the_stores_error()
    {
        string database = await server.CreateDatabaseAsync("group_commit_failure");
        await using var journal = new PostgresJournal(database);
        PersistenceLease[] leases = await AcquireAllAsync(journal);

        // A row written past the journal's back makes stream 7's insert violate the events' primary key: the error
        // aborts the whole batch it travels in.
        await ScalarAsync(
            database,
            "INSERT INTO public.typedactors_events (stream_id, seq, payload) SELECT stream_id, 1, '\\x00' FROM public.typedactors_streams WHERE persistence_id = 'stream-7' RETURNING 1");

        Task[] appends = [.. leases.Select((lease, i) => journal.AppendAsync(lease, 0, [new byte[] { (byte)i }]).AsTask())];
        await Task.WhenAll(appends).ContinueWith(static _ => { }, TaskScheduler.Default);

        PersistenceException failure = Assert.IsType<PersistenceException>(appends[7].Exception?.InnerException);
        Assert.IsType<PostgresException>(failure.InnerException);
        Assert.All(appends.Where((_, i) => i != 7), append => Assert.True(append.IsCompletedSuccessfully));
        await AssertStoredAsync(journal, failed: 7, failedHas: [0]);
    }

    private static async Task<PersistenceLease[]> AcquireAllAsync(PostgresJournal journal)
    {
        var leases = new PersistenceLease[Streams];
        for (int i = 0; i < Streams; i++)
        {
            leases[i] = await journal.AcquireAsync($"stream-{i}");
        }

        return leases;
    }

    /// <summary>Every stream holds its one event, except <paramref name="failed"/>, which holds <paramref name="failedHas"/>.</summary>
    private static async Task AssertStoredAsync(PostgresJournal journal, int failed, byte[]? failedHas = null)
    {
        for (int i = 0; i < Streams; i++)
        {
            var recorded = new Conformance.RecordedEvents();
            await journal.ReplayAsync($"stream-{i}", 1, recorded);
            byte[] expected = i == failed ? failedHas ?? [] : [(byte)i];
            Assert.Equal(expected, recorded.Events.Select(e => e.Payload[0]));
        }
    }

    private static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
