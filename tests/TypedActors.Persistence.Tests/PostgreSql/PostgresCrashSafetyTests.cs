using TypedActors.Persistence.PostgreSql;

namespace TypedActors.Persistence.Tests.PostgreSql;

/// <summary>
/// The crash-safety test on <c>PostgresJournal</c>, on a new database of the test server. 8 kills rather than
/// SQLite's 20: each cycle also starts a .NET process and recovers 100 actors over the network, and the suite's time
/// stays modest. While each child runs, this process (a second owner on the same database) is refused its ids.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCrashSafetyTests(PostgresServer server) : CrashSafetyTests
{
    private string? _database;

    protected override int Cycles => 8;

    protected override async Task<string[]> JournalArgumentsAsync()
    {
        _database = await server.CreateDatabaseAsync("crash");
        return ["postgres", _database];
    }

    protected override IJournal OpenJournal() => new PostgresJournal(_database!);

    protected override async Task WhileChildRunsAsync()
    {
        await using var second = new PostgresJournal(_database!);
        PersistenceIdInUseException refused = await Assert.ThrowsAsync<PersistenceIdInUseException>(() => second.AcquireAsync("tally-7").AsTask());
        Assert.Equal("tally-7", refused.PersistenceId);
        Assert.Contains("live session", refused.Message, StringComparison.Ordinal);
    }
}
