using System.Collections.Concurrent;
using System.Diagnostics;
using MessagePack;

namespace TypedActors.Persistence.Tests;

/// <summary>
/// Nothing acknowledged is ever lost, under real process kills: a child process (tests/TypedActors.Persistence.CrashApp)
/// persists continuously from 100 actors and prints every acknowledged event; it is SIGKILLed at a random (seeded)
/// moment and started again on the same store, <see cref="Cycles"/> times. After every restart each actor must have
/// recovered every event acknowledged before the kill, and a state that is the exact fold of the values 1..n (no event
/// applied twice, none missing); at the end the test reads the store itself and checks the stored events against both.
/// A subclass per journal says which store the child uses.
/// </summary>
public abstract class CrashSafetyTests
{
    private const int Actors = 100;
    private static readonly TimeSpan ChildDeadline = TimeSpan.FromMinutes(2);

    // Built once per test run: the journals' tests run in parallel, and two builds of one project into one folder collide.
    private static readonly Lazy<Task<string>> CrashApp = new(BuildCrashApp);

    /// <summary>How many times the child is killed.</summary>
    protected abstract int Cycles { get; }

    /// <summary>The crash app's first arguments, naming its journal and store: <c>sqlite {file}</c> or <c>postgres {connection string}</c>.</summary>
    protected abstract Task<string[]> JournalArgumentsAsync();

    /// <summary>Opens the child's store in the test process, after the last child ended, to read what it holds.</summary>
    protected abstract IJournal OpenJournal();

    /// <summary>Runs while the child is alive and owns its actors' persistence ids (after its recovery, before the kill).</summary>
    protected virtual Task WhileChildRunsAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_acknowledged_event_survives_SIGKILLs_and_is_applied_exactly_once()
    {
        string app = await CrashApp.Value;
        string[] store = await JournalArgumentsAsync();
        string actors = Actors.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var random = new Random(2112);
        long[] acknowledged = new long[Actors];
        long[] recovered = new long[Actors];
        long totalAcks = 0;

        for (int cycle = 1; cycle <= Cycles; cycle++)
        {
            await using var child = ChildProcess.Start(app, [.. store, actors]);
            Dictionary<int, string[]> states = await child.WaitForRecovery(ChildDeadline);
            CheckRecovered(states, acknowledged, recovered, $"cycle {cycle}");
            await WhileChildRunsAsync();

            // The kill comes at a random moment: after a seeded random number of acknowledged events.
            long killAfter = random.Next(1, 12_000);
            await TypedActors.Testing.Deadline.Until(() => child.Acks >= killAfter, ChildDeadline);
            child.Kill();
            await child.WaitForExit(ChildDeadline);

            foreach ((int actor, long value) in child.AcknowledgedEvents())
            {
                long expected = Math.Max(acknowledged[actor], recovered[actor]) + 1;
                Assert.True(value == expected, $"cycle {cycle}: actor {actor} acknowledged {value}, expected {expected}");
                acknowledged[actor] = value;
            }

            totalAcks += child.Acks;
        }

        // A last, clean start: what it recovers must be what the store holds.
        await using (var last = ChildProcess.Start(app, [.. store, actors, "--recover-only"]))
        {
            Dictionary<int, string[]> states = await last.WaitForRecovery(ChildDeadline);
            CheckRecovered(states, acknowledged, recovered, "after the last kill");
            await last.WaitForExit(ChildDeadline);
            Assert.Equal(0, last.ExitCode);
        }

        IJournal journal = OpenJournal();
        await using (journal as IAsyncDisposable)
        {
            for (int actor = 0; actor < Actors; actor++)
            {
                var stored = new StoredValues();
                await journal.ReplayAsync($"tally-{actor}", 1, stored);
                Assert.Equal(Enumerable.Range(1, stored.Values.Count).Select(v => (long)v), stored.Values); // 1..n, once each, in order
                Assert.Equal(recovered[actor], stored.Values.Count); // the actor's state is the fold of exactly these events
                Assert.True(stored.Values.Count >= acknowledged[actor]);
            }
        }

        Assert.True(totalAcks > Cycles * Actors, $"only {totalAcks} events were acknowledged in {Cycles} cycles");
    }

    /// <summary>Each actor's recovered state: every acknowledged event, at most the one in flight besides, each applied once.</summary>
    private static void CheckRecovered(Dictionary<int, string[]> states, long[] acknowledged, long[] recovered, string when)
    {
        Assert.Equal(Actors, states.Count);
        foreach ((int actor, string[] state) in states)
        {
            long count = long.Parse(state[0], System.Globalization.CultureInfo.InvariantCulture);
            long sum = long.Parse(state[1], System.Globalization.CultureInfo.InvariantCulture);
            long last = long.Parse(state[2], System.Globalization.CultureInfo.InvariantCulture);
            bool inOrder = bool.Parse(state[3]);
            string at = $"{when}, actor {actor} (count {count}, sum {sum}, last {last}, acknowledged {acknowledged[actor]})";
            Assert.True(last >= acknowledged[actor], $"{at}: an acknowledged event was lost");
            Assert.True(last <= Math.Max(acknowledged[actor], recovered[actor]) + 1, $"{at}: more events than were ever sent");
            Assert.True(inOrder && count == last && sum == last * (last + 1) / 2, $"{at}: an event was applied twice, skipped or out of order");
            recovered[actor] = last;
        }
    }

    private static async Task<string> BuildCrashApp()
    {
        string root = RepositoryRoot.Directory.FullName;
        string output = Path.Combine(root, "artifacts", "persistence-crash-app");
        ProcessResult build = await CommandRunner.RunAsync(
            CommandRunner.DotNet,
            ["build", Path.Combine(root, "tests", "TypedActors.Persistence.CrashApp", "TypedActors.Persistence.CrashApp.csproj"), "-o", output, "-nologo", "-v", "q"],
            root,
            TimeSpan.FromMinutes(5));
        Assert.True(build.Succeeded, build.Describe());
        return Path.Combine(output, "TypedActors.Persistence.CrashApp.dll");
    }

    /// <summary>Decodes the stored events of a tally: <c>["...Added", { "Value": v }]</c>, read without the app's types.</summary>
    private sealed class StoredValues : IEventReplayConsumer
    {
        public List<long> Values { get; } = [];

        public void OnEvent(long sequenceNr, ReadOnlyMemory<byte> payload)
        {
            var reader = new MessagePackReader(payload);
            Assert.Equal(2, reader.ReadArrayHeader());
            Assert.EndsWith(".Added", reader.ReadString());
            Assert.Equal(1, reader.ReadMapHeader());
            Assert.Equal("Value", reader.ReadString());
            Values.Add(reader.ReadInt64());
        }
    }

    /// <summary>The crash app, its output read line by line as it comes.</summary>
    private sealed class ChildProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<(int Actor, long Value)> _acks = new();
        private readonly ConcurrentDictionary<int, string[]> _recovered = new();
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<string> _other = new();
        private long _ackCount;

        private ChildProcess(Process process) => _process = process;

        public long Acks => Interlocked.Read(ref _ackCount);

        public int ExitCode => _process.ExitCode;

        public static ChildProcess Start(string app, string[] arguments)
        {
            var start = new ProcessStartInfo(CommandRunner.DotNet)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true, // held open: if this test process dies, the child sees it close and ends
                UseShellExecute = false,
            };
            start.ArgumentList.Add(app);
            foreach (string argument in arguments.Append("--exit-with-stdin"))
            {
                start.ArgumentList.Add(argument);
            }

            ChildEnvironment.Apply(start.Environment, null);
            var child = new ChildProcess(new Process { StartInfo = start });
            child._process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
            child._process.ErrorDataReceived += (_, e) => child._other.Enqueue("stderr: " + e.Data);
            child._process.Start();
            child._process.BeginOutputReadLine();
            child._process.BeginErrorReadLine();
            return child;
        }

        public async Task<Dictionary<int, string[]>> WaitForRecovery(TimeSpan deadline)
        {
            Task exited = _process.WaitForExitAsync();
            if (await Task.WhenAny(_ready.Task, exited, Task.Delay(deadline)) != _ready.Task)
            {
                Assert.Fail($"The crash app did not recover within {deadline}; it printed:{Environment.NewLine}{string.Join(Environment.NewLine, _other)}");
            }

            return new Dictionary<int, string[]>(_recovered);
        }

        /// <summary>SIGKILL: on Unix, Process.Kill sends it; nothing in the child runs after it.</summary>
        public void Kill() => _process.Kill();

        public Task WaitForExit(TimeSpan deadline) => _process.WaitForExitAsync().WaitAsync(deadline);

        public IEnumerable<(int Actor, long Value)> AcknowledgedEvents() => _acks;

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        private void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            string[] parts = line.Split(' ');
            if (parts[^1] != ".")
            {
                _other.Enqueue(line); // cut short by the kill (only the last line can be), or not the app's
                return;
            }

            switch (parts[0])
            {
                case "ack" when parts.Length == 4:
                    _acks.Enqueue((int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)));
                    Interlocked.Increment(ref _ackCount);
                    break;
                case "recovered" when parts.Length == 7:
                    _recovered[int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)] = parts[2..6];
                    break;
                case "ready":
                    _ready.TrySetResult();
                    break;
                default:
                    _other.Enqueue(line);
                    break;
            }
        }
    }
}

/// <summary>The crash-safety test on <c>SqliteJournal</c>: 20 kills, on a database file in a temporary folder.</summary>
public sealed class SqliteCrashSafetyTests : CrashSafetyTests, IDisposable
{
    private readonly TestStore _store = new();

    protected override int Cycles => 20;

    private string Database => Path.Combine(_store.Folder, "crash.db");

    public void Dispose() => _store.Dispose();

    protected override Task<string[]> JournalArgumentsAsync() => Task.FromResult<string[]>(["sqlite", Database]);

    protected override IJournal OpenJournal() => new Sqlite.SqliteJournal($"Data Source={Database}");
}
