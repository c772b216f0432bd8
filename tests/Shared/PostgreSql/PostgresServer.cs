using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace TypedActors.Testing.PostgreSql;

/// <summary>
/// A throwaway PostgreSQL server for the tests of this process: a cluster initialised in a temporary folder, run by a
/// non-root user (initdb refuses root; as root the tests run it as the <c>postgres</c> system user), listening on a
/// free local port with its socket in the same folder, stopped and deleted when the tests that share it as a fixture
/// end. A cluster left behind by a test process that died is stopped and deleted by the next run. Tests that need the
/// server fail, with how to install it, when its programs are missing. Linked into the test projects that need a
/// server (not every project: it needs Npgsql), and into the benchmarks, which start one the same way; the test
/// projects also link <c>PostgresServer.Fixture.cs</c>, which makes it an xUnit fixture.
/// </summary>
public sealed partial class PostgresServer
{
    private const string FolderPrefix = "typedactors-pg-";
    private const string OwnerFile = "test-process.pid";
    private static readonly TimeSpan CommandDeadline = TimeSpan.FromMinutes(2);
    private static int _databases;

    private readonly string _folder;
    private readonly Tool _tools;
    private readonly int _port;

    public PostgresServer()
    {
        _tools = Tool.Find();
        _folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        _port = FreePort();
        ConnectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = "postgres", Database = "postgres" }.ConnectionString;
    }

    /// <summary>The server's superuser on its maintenance database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        string name = $"{purpose}_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Starts the server; fails, saying how to install it, when its programs are missing.</summary>
    public async Task InitializeAsync()
    {
        RemoveAbandonedClusters(_tools);
        await File.WriteAllTextAsync(Path.Combine(_folder, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Tool.IsRoot)
        {
            await Run(_tools, "chown", ["-R", "postgres:postgres", _folder], asServerUser: false);
        }

        string data = Path.Combine(_folder, "data");
        await Run(_tools, _tools.InitDb, ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
        await Run(_tools, _tools.PgCtl, [
            "start", "-D", data, "-w", "-t", "60", "-l", Path.Combine(_folder, "server.log"),
            "-o", $"-p {_port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=300"]);
    }

    /// <summary>Stops the server and deletes its folder.</summary>
    public Task DisposeAsync()
    {
        StopCluster(_tools, _folder);
        return Task.CompletedTask;
    }

    /// <summary>Stops (immediately: its data is thrown away) and deletes a cluster.</summary>
    private static void StopCluster(Tool tools, string folder)
    {
        string data = Path.Combine(folder, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try
            {
                Run(tools, tools.PgCtl, ["stop", "-D", data, "-m", "immediate", "-w", "-t", "30"]).GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Already stopped; the folder goes all the same.
            }
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"The test PostgreSQL cluster in {folder} could not be deleted ({exception.Message}); the next test run deletes it.");
        }
    }

    /// <summary>The clusters of earlier test processes that ended without stopping theirs (killed, or crashed).</summary>
    private static void RemoveAbandonedClusters(Tool tools)
    {
        foreach (string folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            string owner = Path.Combine(folder, OwnerFile);
            if (File.Exists(owner) && int.TryParse(File.ReadAllText(owner), out int pid) && !IsRunning(pid))
            {
                StopCluster(tools, folder);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task Run(Tool tools, string program, string[] arguments, bool asServerUser = true)
    {
        (string file, string[] args) = asServerUser && Tool.IsRoot ? (tools.RunUser, ["-u", "postgres", "--", program, .. arguments]) : (program, arguments);
        ProcessResult result = await CommandRunner.RunAsync(file, args, Path.GetTempPath(), CommandDeadline);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Describe());
        }
    }

    /// <summary>Where the server's programs are.</summary>
    private sealed record Tool(string InitDb, string PgCtl, string RunUser)
    {
        public static bool IsRoot => Environment.UserName == "root";

        public static Tool Find()
        {
            string? bin = Locate("initdb") is { } initdb && Locate("pg_ctl") is not null
                ? Path.GetDirectoryName(initdb)
                : Directory.Exists("/usr/lib/postgresql")
                    ? Directory.EnumerateDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault()
                    : null;
            if (bin is null)
            {
                throw new InvalidOperationException(
                    "The PostgreSQL tests need the server's programs (initdb, pg_ctl), and they were not found on PATH nor under /usr/lib/postgresql. " +
                    "Install them: `sudo apt-get install postgresql` (Debian, Ubuntu), or run tests/run.sh, which does.");
            }

            string runUser = Locate("runuser") ?? "runuser";
            if (IsRoot && Locate("runuser") is null)
            {
                throw new InvalidOperationException("The tests run as root, and initdb refuses root: `runuser` (util-linux) is needed to run the server as the postgres user.");
            }

            return new Tool(Path.Combine(bin, "initdb"), Path.Combine(bin, "pg_ctl"), runUser);
        }

        private static string? Locate(string program) =>
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(directory => Path.Combine(directory, program))
                .FirstOrDefault(File.Exists);
    }
}
