using TypedActors.Persistence.Conformance;

namespace TypedActors.Persistence.Tests;

/// <summary>The journal conformance suite on <c>SqliteJournal</c>, each test on a new database file.</summary>
public sealed class SqliteJournalConformanceTests : JournalConformanceTests, IDisposable
{
    private readonly TestStore _store = new();

    protected override Task<IJournal> OpenJournalAsync() => Task.FromResult<IJournal>(_store.OpenJournal());

    public void Dispose() => _store.Dispose();
}

/// <summary>The snapshot store conformance suite on <c>SqliteJournal</c>, each test on a new database file.</summary>
public sealed class SqliteSnapshotStoreConformanceTests : SnapshotStoreConformanceTests, IDisposable
{
    private readonly TestStore _store = new();

    protected override Task<IJournal> OpenJournalAsync() => Task.FromResult<IJournal>(_store.OpenJournal());

    public void Dispose() => _store.Dispose();
}
