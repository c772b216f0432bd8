using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Npgsql;
using TypedActors.Orleans.ClusterHost;
using Xunit.Abstractions;

namespace TypedActors.Orleans.Tests;

/// <summary>
/// A durable actor outlives its silo: three silo processes share a PostgreSQL membership table and journal, the silo
/// hosting a durable ledger is killed with SIGKILL, and the next messages, from two clients at once, reach one actor
/// recovered on a survivor with every acknowledged event, in one sequence, taken over in the journal exactly once.
/// </summary>
[Collection(TwoProcessDemoCollection.Name)]
public sealed class DurableActorFailoverTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private const string PersistenceId = "ledger-1";
    private const int AcknowledgedBeforeKill = 40;
    private const int AcknowledgedPerClientAfterKill = 15;
    private static readonly TimeSpan FailoverDeadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// From SIGKILL to the first acknowledged append by the recovered actor: membership's detection (about 1-2 s with
    /// the tests' settings), the directory's range lease (2 s), the journal's takeover and the replay. The bound leaves
    /// room for a loaded 2-core machine.
    /// </summary>
    private static readonly TimeSpan ReactivationBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_durable_actor_whose_silo_is_killed_is_recovered_on_a_survivor_with_every_acknowledged_event_in_one_sequence()
    {
        string database = await postgres.CreateDatabaseAsync("durable");
        int[] ports = SiloProcess.FreePorts(6);
        string[] options = ["--postgres", database, "--journal", database];
        SiloProcess[] silos = await Task.WhenAll(
            SiloProcess.StartAsync(ports[0], ports[1], options),
            SiloProcess.StartAsync(ports[2], ports[3], options),
            SiloProcess.StartAsync(ports[4], ports[5], options));
        try
        {
            using IHost first = await PostgresClusterClient.StartAsync(database);
            using IHost second = await PostgresClusterClient.StartAsync(database);
            ActorRef<Ledger> fromFirst = await first.Actors().SpawnPersistentAsync<Ledger>(PersistenceId).WaitAsync(FailoverDeadline);
            for (int value = 1; value <= AcknowledgedBeforeKill; value++)
            {
                Assert.Equal(value, await fromFirst.Ask(new Append(value)).Within());
            }

            // The same actor for every caller: the persistence id is its identity.
            ActorRef<Ledger> fromSecond = await second.Actors().SpawnPersistentAsync<Ledger>(PersistenceId).WaitAsync(FailoverDeadline);
            LedgerState before = await fromSecond.Ask(new ReadLedger()).Within();
            Assert.Equal(Enumerable.Range(1, AcknowledgedBeforeKill).ToArray(), before.Values.ToArray());
            long epochBefore = (await ReadStream(database)).Epoch;

            SiloProcess host = silos.Single(silo => silo.SiloPort == before.SiloPort);
            var clock = Stopwatch.StartNew();
            await host.KillAsync();

            // Both clients append at once while the actor fails over; each value is sent once and never retried.
            var firstAcknowledged = new ConcurrentBag<TimeSpan>();
            Task<Appends> byFirst = AppendUntilAcknowledged(fromFirst, 1_000, clock, firstAcknowledged);
            Task<Appends> bySecond = AppendUntilAcknowledged(fromSecond, 2_000, clock, firstAcknowledged);
            Appends[] appends = await Task.WhenAll(byFirst, bySecond);
            TimeSpan reactivation = firstAcknowledged.Min();

            LedgerState after = await fromFirst.Ask(new ReadLedger()).Within();
            Assert.NotEqual(host.SiloPort, after.SiloPort);
            Assert.Equal(Enumerable.Range(1, AcknowledgedBeforeKill).ToArray(), after.Values.Take(AcknowledgedBeforeKill).ToArray()); // nothing acknowledged was lost
            Assert.Equal(after.Values.Length, after.Values.Distinct().Count()); // nothing applied twice
            foreach (Appends by in appends)
            {
                // Each acknowledgement names the position its value holds in the one sequence the journal kept.
                foreach ((int value, int count) in by.Acknowledged)
                {
                    Assert.Equal(value, after.Values[count - 1]);
                }

                int[] order = [.. after.Values.Where(value => by.Acknowledged.Any(acknowledged => acknowledged.Value == value))];
                Assert.Equal(by.Acknowledged.Select(acknowledged => acknowledged.Value), order);
            }

            // Whatever is stored was sent: acknowledged, or lost in flight with the silo (stored, unanswered).
            HashSet<int> sent = [.. Enumerable.Range(1, AcknowledgedBeforeKill), .. appends.SelectMany(by => by.Sent)];
            Assert.All(after.Values, value => Assert.Contains(value, sent));

            (long lastSeq, long epoch, long events) = await ReadStream(database);
            Assert.Equal(after.Values.Length, lastSeq);
            Assert.Equal(lastSeq, events);
            Assert.Equal(epochBefore + 1, epoch); // taken over once: one activation recovered it, no other ever wrote

            output.WriteLine(
                $"SIGKILL to the first append acknowledged by the recovered actor: {reactivation.TotalMilliseconds:F0} ms; " +
                $"during the failover {appends.Sum(by => by.Unreachable)} appends failed as unreachable and {appends.Sum(by => by.TimedOut)} timed out; " +
                $"{after.Values.Length} values stored.");
            Assert.True(reactivation < ReactivationBound, $"The actor answered {reactivation.TotalSeconds:F1} s after its silo was killed.");
        }
        finally
        {
            foreach (SiloProcess silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    /// <summary>What one client sent during the failover, and what was acknowledged (with the count the actor reported).</summary>
    private sealed record Appends(List<int> Sent, List<(int Value, int Count)> Acknowledged, int Unreachable, int TimedOut);

    /// <summary>
    /// Appends new values one at a time until <see cref="AcknowledgedPerClientAfterKill"/> are acknowledged. An append
    /// that fails because the actor is unreachable (its silo is gone and no survivor hosts it yet) is not retried: it
    /// may have been stored or not. Any other failure fails the test.
    /// </summary>
    private static async Task<Appends> AppendUntilAcknowledged(ActorRef<Ledger> ledger, int firstValue, Stopwatch clock, ConcurrentBag<TimeSpan> firstAcknowledged)
    {
        var sent = new List<int>();
        var acknowledged = new List<(int, int)>();
        int unreachable = 0, timedOut = 0;
        for (int value = firstValue; acknowledged.Count < AcknowledgedPerClientAfterKill; value++)
        {
            Assert.True(clock.Elapsed < FailoverDeadline, $"Only {acknowledged.Count} appends were acknowledged {FailoverDeadline.TotalSeconds:F0} s after the kill.");
            sent.Add(value);
            try
            {
                int count = await ledger.Ask(new Append(value), AskTimeout);
                if (acknowledged.Count == 0)
                {
                    firstAcknowledged.Add(clock.Elapsed);
                }

                acknowledged.Add((value, count));
            }
            catch (ActorUnreachableException)
            {
                unreachable++;
            }
            catch (TimeoutException)
            {
                timedOut++;
            }
        }

        return new Appends(sent, acknowledged, unreachable, timedOut);
    }

    /// <summary>The ledger's stream as the journal holds it: its last sequence number, its owner epoch and how many events it stores.</summary>
    private static async Task<(long LastSeq, long Epoch, long Events)> ReadStream(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand(
            """
            SELECT s.last_seq, s.epoch, (SELECT count(*) FROM typedactors_events e WHERE e.stream_id = s.stream_id)
            FROM typedactors_streams s WHERE s.persistence_id = @pid
            """, connection);
        read.Parameters.AddWithValue("pid", PersistenceId);
        await using NpgsqlDataReader row = await read.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync(), $"The journal has no stream '{PersistenceId}'.");
        return (row.GetInt64(0), row.GetInt64(1), row.GetInt64(2));
    }
}
