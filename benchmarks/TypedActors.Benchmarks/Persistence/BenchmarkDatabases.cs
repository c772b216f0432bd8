using Microsoft.Data.Sqlite;

namespace TypedActors.Benchmarks.Persistence;

/// <summary>
/// Where the persistence benchmarks keep their SQLite files: one folder on the machine's disk for both frameworks, so
/// they sync to the same device. Every database is put in WAL mode before either framework opens it (SQLite keeps the
/// mode in the file), so both write through the same kind of log.
/// </summary>
public static class BenchmarkDatabases
{
    public static string Folder { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "typedactors-benchmarks")).FullName;

    /// <summary>A database that no earlier run has touched.</summary>
    public static string Fresh(string name)
    {
        string path = Path.Combine(Folder, $"{name}-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        InWalMode(path);
        return path;
    }

    /// <summary>A database kept between runs (the recovery benchmarks fill theirs once); <paramref name="ready"/> is its marker.</summary>
    public static string Kept(string name, out bool ready)
    {
        string path = Path.Combine(Folder, name + ".db");
        ready = File.Exists(path + ".ready");
        if (!ready)
        {
            foreach (string stale in Directory.EnumerateFiles(Folder, name + ".db*"))
            {
                File.Delete(stale);
            }

            InWalMode(path);
        }

        return path;
    }

    public static void MarkReady(string path) => File.WriteAllText(path + ".ready", DateTime.UtcNow.ToString("O"));

    private static void InWalMode(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }
}
