using System.Diagnostics;
using System.Globalization;
using TypedActors.Benchmarks.Shared;
using TypedActors.Benchmarks.Spawn;

namespace TypedActors.Benchmarks.IdleMemory;

/// <summary>
/// Measures the heap an idle actor keeps alive, twice: the GC heap after spawning <c>count</c> actors and waiting until
/// all have started, minus the heap before, divided by the count; then again after telling each actor one message and
/// waiting until all have handled it (what a mailbox keeps once it has been used), told in rounds (see
/// <see cref="TellEachOnceInRoundsAsync"/>). A console mode rather than a
/// BenchmarkDotNet benchmark, because this is a retained-size measurement taken once, not a timing. Each actor holds
/// one 8-byte user field; the array of references the probe keeps to tell them is allocated before the first reading.
/// </summary>
public static class IdleMemoryProbe
{
    private const int DefaultCount = 1_000_000;
    private const int TellRound = 10_000;
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(10);

    private static readonly (string Name, Func<IActorPopulation> Create)[] Frameworks =
    [
        ("TypedActors", () => new TypedActorsPopulation()),
        ("AkkaNet", () => new AkkaPopulation()),
        ("ProtoActor", () => new ProtoPopulation()),
    ];

    /// <summary>Arguments: an optional actor count, then optional framework names (default: all).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int count = DefaultCount;
        var selected = new List<string>();
        foreach (string arg in args)
        {
            if (int.TryParse(arg, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed) && parsed > 0)
            {
                count = parsed;
            }
            else if (Frameworks.Any(f => f.Name.Equals(arg, StringComparison.OrdinalIgnoreCase)))
            {
                selected.Add(arg);
            }
            else
            {
                await Console.Error.WriteLineAsync(
                    $"Unknown argument '{arg}'. Usage: --idle-memory [count] [{string.Join('|', Frameworks.Select(f => f.Name))}]...");
                return 2;
            }
        }

        Console.WriteLine($"Idle actors: {count:N0} per framework; .NET {Environment.Version}, {Environment.ProcessorCount} cores, server GC: {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine();
        Console.WriteLine("| framework | bytes per idle actor | after one message | spawn + start (actors/s) |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach ((string name, Func<IActorPopulation> create) in Frameworks)
        {
            if (selected.Count > 0 && !selected.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            IdleMemory measured = await MeasureAsync(create, count);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {measured.BytesPerActor:N0} | {measured.BytesPerActorAfterOneMessage:N0} | {measured.ActorsPerSecond:N0} |"));
        }

        return 0;
    }

    private static async Task<IdleMemory> MeasureAsync(Func<IActorPopulation> create, int count)
    {
        IActorPopulation population = create();
        try
        {
            var signals = new IdleSignals(count);
            population.ReserveIdle(count);
            long before = GC.GetTotalMemory(forceFullCollection: true);
            var stopwatch = Stopwatch.StartNew();
            population.SpawnIdle(signals);
            await signals.Started.Completed.WaitAsync(StartDeadline);
            stopwatch.Stop();
            long started = GC.GetTotalMemory(forceFullCollection: true);

            await TellEachOnceInRoundsAsync(population, signals, count);
            long handled = GC.GetTotalMemory(forceFullCollection: true);
            return new IdleMemory(
                (started - before) / (double)count,
                (handled - before) / (double)count,
                count / stopwatch.Elapsed.TotalSeconds);
        }
        finally
        {
            await population.DisposeAsync();
        }
    }

    /// <summary>
    /// Tells every actor one message, <see cref="TellRound"/> actors at a time, each round once the previous one is
    /// handled. A single burst of a million tells from one thread queues a million turns at once in the thread pool's
    /// global queue, whose largest segment (up to 16 MB, kept for the life of the process) would then be counted as
    /// the actors' memory: a heap dump shows the same objects per actor before and after the message, and the burst
    /// made "after one message" vary from 195 to 201 B between runs with nothing else changed.
    /// </summary>
    private static async Task TellEachOnceInRoundsAsync(IActorPopulation population, IdleSignals signals, int count)
    {
        var deadline = Stopwatch.StartNew();
        for (int start = 0; start < count; start += TellRound)
        {
            int round = Math.Min(TellRound, count - start);
            population.TellIdleOnce(start, round);
            while (signals.Handled.Remaining > count - start - round)
            {
                if (deadline.Elapsed > StartDeadline)
                {
                    throw new TimeoutException($"The idle actors did not handle their message within {StartDeadline}.");
                }

                await Task.Delay(1);
            }
        }

        await signals.Handled.Completed.WaitAsync(StartDeadline);
    }

    private readonly record struct IdleMemory(double BytesPerActor, double BytesPerActorAfterOneMessage, double ActorsPerSecond);
}
