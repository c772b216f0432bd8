using TypedActors.Persistence.Sqlite;

namespace TypedActors.Persistence.Tests;

/// <summary>A journal database in a fresh temporary folder, deleted with the folder when the test ends.</summary>
internal sealed class TestStore : IDisposable
{
    public TestStore()
    {
        Folder = Directory.CreateTempSubdirectory("typedactors-persistence-").FullName;
        ConnectionString = $"Data Source={Path.Combine(Folder, "journal.db")}";
    }

    public string Folder { get; }

    public string ConnectionString { get; }

    public SqliteJournal OpenJournal() => new(ConnectionString);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A journal a failing test left open; the temporary folder is cleaned by the system.
        }
    }
}
