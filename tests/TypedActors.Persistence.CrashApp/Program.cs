using TypedActors;
using TypedActors.Persistence;
using TypedActors.Persistence.CrashApp;
using TypedActors.Persistence.PostgreSql;
using TypedActors.Persistence.Sqlite;

// Usage: CrashApp sqlite <database file> <actors> [--recover-only] [--exit-with-stdin]
//        CrashApp postgres <connection string> <actors> [--recover-only] [--exit-with-stdin]
// Recovers every actor and prints "recovered <actor> <count> <sum> <last> <inOrder> ." , then "ready ."; then, unless
// --recover-only, persists from every actor at once, forever, printing "ack <actor> <value> ." after each event is
// acknowledged (stored durably and applied), until the process is killed. Every line ends with " ." so that a line
// the kill cut short can be told from a whole one. With --exit-with-stdin the process also ends when its standard input
// closes: a test that dies without killing it leaves no process behind.
string store = args[1];
int actors = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
bool recoverOnly = args.Contains("--recover-only");
if (args.Contains("--exit-with-stdin"))
{
    _ = Task.Run(() =>
    {
        Console.In.ReadToEnd();
        Environment.Exit(3);
    });
}

using var output = new LineWriter();
await using IAsyncDisposable journal = args[0] switch
{
    "sqlite" => new SqliteJournal($"Data Source={store}"),
    "postgres" => new PostgresJournal(store),
    _ => throw new ArgumentException($"Unknown journal '{args[0]}': sqlite or postgres."),
};
await using var system = new ActorSystem(new ActorSystemOptions { Journal = (IJournal)journal });

ActorRef<Tally>[] tallies = await Task.WhenAll(Enumerable.Range(0, actors).Select(i => system.SpawnPersistentAsync<Tally>($"tally-{i}")));
long[] last = new long[actors];
for (int i = 0; i < actors; i++)
{
    TallyState state = await tallies[i].Ask(new GetState());
    output.Line($"recovered {i} {state.Count} {state.Sum} {state.Last} {state.InOrder} .");
    last[i] = state.Last;
}

output.Line("ready .");
if (recoverOnly)
{
    return;
}

await Task.WhenAll(Enumerable.Range(0, actors).Select(async i =>
{
    while (true)
    {
        long value = last[i] + 1;
        await tallies[i].Ask(new Add(value), TimeSpan.FromMinutes(1));
        output.Line($"ack {i} {value} .");
        last[i] = value;
    }
}));

/// <summary>
/// Lines to standard output from many threads, each written through to the pipe before the caller goes on: an actor's
/// next event is sent only after its last acknowledgement is out, so the test can bound what may have been stored.
/// </summary>
internal sealed class LineWriter : IDisposable
{
    private readonly StreamWriter _writer = new(Console.OpenStandardOutput()) { AutoFlush = true };

    public void Line(string line)
    {
        lock (_writer)
        {
            _writer.WriteLine(line);
        }
    }

    public void Dispose() => _writer.Dispose();
}
