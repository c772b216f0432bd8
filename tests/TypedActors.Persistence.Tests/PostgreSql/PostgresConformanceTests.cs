using TypedActors.Persistence.Conformance;
using TypedActors.Persistence.PostgreSql;

namespace TypedActors.Persistence.Tests.PostgreSql;

/// <summary>The journal conformance suite on <c>PostgresJournal</c>, each test on a new database of the test server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresJournalConformanceTests(PostgresServer server) : JournalConformanceTests
{
    private readonly Lazy<Task<string>> _database = new(() => server.CreateDatabaseAsync("conformance"));

    protected override async Task<IJournal> OpenJournalAsync() => new PostgresJournal(await _database.Value);
}

/// <summary>The snapshot store conformance suite on <c>PostgresJournal</c>, each test on a new database of the test server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSnapshotStoreConformanceTests(PostgresServer server) : SnapshotStoreConformanceTests
{
    private readonly Lazy<Task<string>> _database = new(() => server.CreateDatabaseAsync("snapshots"));

    protected override async Task<IJournal> OpenJournalAsync() => new PostgresJournal(await _database.Value);
}
