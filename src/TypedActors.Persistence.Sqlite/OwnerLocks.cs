namespace TypedActors.Persistence.Sqlite;

/// <summary>
/// Tells live owners of a database from dead ones. Each journal instance is an owner with a random id and holds an
/// exclusive lock on its own file, <c>{database}.owners/{id}.lock</c>, for as long as it is open. The operating
/// system drops the lock when the process ends, however it ends (a SIGKILL included), so an owner whose file can be
/// locked by someone else is dead, and the persistence ids it held can be taken over at once, without waiting for a
/// lease to time out. SQLite in WAL mode needs every process on the same machine anyway (they share memory), which is
/// where such locks hold.
/// </summary>
internal sealed class OwnerLocks : IDisposable
{
    private const string Extension = ".lock";
    private readonly string _directory;
    private FileStream? _own;

    public OwnerLocks(string databasePath) => _directory = databasePath + ".owners";

    /// <summary>This owner's id, as stored in the streams it owns.</summary>
    public string Id { get; private set; } = "";

    /// <summary>Takes this owner's lock, and deletes the files of owners that have died.</summary>
    public void Open()
    {
        Directory.CreateDirectory(_directory);
        for (int attempt = 1; _own is null; attempt++)
        {
            string id = Guid.NewGuid().ToString("N");
            FileStream? own = null;
            try
            {
                own = new FileStream(PathOf(id), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);
            }
            catch (IOException) when (attempt < 5)
            {
                continue; // another owner probed the new file before it was locked; try another id
            }

            // The file is created before it is locked: a prober that came in between took it for a dead owner's and
            // deleted it. Then the lock holds a file nobody can find, and another id is needed.
            if (File.Exists(PathOf(id)))
            {
                Id = id;
                _own = own;
            }
            else if (attempt < 5)
            {
                own.Dispose();
            }
            else
            {
                own.Dispose();
                throw new IOException($"Could not take an owner lock in {_directory}.");
            }
        }

        foreach (string file in Directory.EnumerateFiles(_directory, "*" + Extension))
        {
            string id = Path.GetFileNameWithoutExtension(file);
            if (id != Id)
            {
                IsAlive(id);
            }
        }
    }

    /// <summary>
    /// Whether the owner <paramref name="id"/> is alive. A dead owner's file is deleted on the way (taking the lock to
    /// delete it), so that the folder does not fill up with the files of crashed processes.
    /// </summary>
    public bool IsAlive(string id)
    {
        if (id == Id)
        {
            return true;
        }

        string path = PathOf(id);
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
            return false; // the lock was free: its owner has gone
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true; // locked: the owner lives
        }
        catch (UnauthorizedAccessException)
        {
            return true; // cannot tell, so the owner is not taken over
        }
    }

    public void Dispose()
    {
        if (_own is { } own)
        {
            _own = null;
            own.Dispose();
            try
            {
                File.Delete(PathOf(Id));
            }
            catch (IOException)
            {
                // Deleted by the next owner that finds the lock free.
            }
        }
    }

    private string PathOf(string id) => Path.Combine(_directory, id + Extension);
}
