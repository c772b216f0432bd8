using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TypedActors.Orleans.ClusterHost;
using Xunit.Abstractions;

namespace TypedActors.Orleans.Tests;

/// <summary>
/// A silo process killed with SIGKILL, seen from a surviving silo (this test process, which also keeps the development
/// membership table): once membership declares the dead silo, every reference to its actors is dead for good, and an
/// ask fails with <see cref="DeadActorException"/> (noconnection) at once instead of waiting for Orleans to place the
/// grain again. Runs alone (with the other multi-process tests): its figures are timings.
/// </summary>
[Collection(TwoProcessDemoCollection.Name)]
public sealed class SiloProcessLossTests(ITestOutputHelper output)
{
    private static readonly TimeSpan DownDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan FinalWithin = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Asks_to_the_actors_of_a_killed_silo_fail_with_DeadActorException_within_a_second_of_the_Down()
    {
        int[] ports = SiloProcess.FreePorts(4);
        using IHost survivor = await StartSurvivorAsync(ports[0], ports[1]);
        try
        {
            await KillAndAsk(survivor, ports);
        }
        finally
        {
            // Quickly: a graceful stop would try to hand the directory over to a silo that is gone.
            using var quickly = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await survivor.StopAsync(quickly.Token);
        }
    }

    private async Task KillAndAsk(IHost survivor, int[] ports)
    {
        string[] names = ["monitored", "asked", "told"];
        await using SiloProcess victim = await SiloProcess.StartAsync(
            ports[2], ports[3], ["--primary-port", $"{ports[0]}"], names);

        ClusterActorSystem actors = survivor.Services.GetRequiredService<ClusterActorSystem>();
        var deadLetters = new ConcurrentQueue<DeadLetter>();
        using IDisposable subscription = actors.LocalSystem.DeadLetters.Subscribe(deadLetters.Enqueue);
        ActorRef<Tally>[] tallies = new ActorRef<Tally>[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            tallies[i] = await actors.SpawnOrGetAsync<Tally>(names[i]); // the victim's own, spawned there
            tallies[i].Tell(new Add(i + 1));
            Assert.Equal(i + 1, await tallies[i].Ask(new Total()).Within());
        }

        ActorRef<Tally> monitored = tallies[0], asked = tallies[1], told = tallies[2];
        Task<ExitReason> completion = monitored.Completion; // a monitor: the Down signal

        // The monitor is in place once the victim answered it; a kill before that would fail the monitor's own call and
        // end Completion with noconnection without membership having declared anything.
        RelationTracker relations = survivor.Services.GetRequiredService<ClusterNode>().Relations;
        await Eventually.Holds(() => relations.Peers().Count == 1);

        var clock = Stopwatch.StartNew();
        await victim.KillAsync();
        ExitReason reason = await completion.WaitAsync(DownDeadline);
        TimeSpan down = clock.Elapsed;

        Assert.Equal(ExitReason.NoConnection, reason);
        Assert.True(monitored.IsDead);
        Assert.True(asked.IsDead);
        Assert.True(told.IsDead);

        DeadActorException dead = await Assert.ThrowsAsync<DeadActorException>(() => asked.Ask(new Total()).WaitAsync(FinalWithin));
        TimeSpan failed = clock.Elapsed - down;
        Assert.Equal(ExitReason.NoConnection, dead.Reason);
        Assert.True(failed < FinalWithin, $"The ask failed {failed.TotalMilliseconds:F0} ms after the Down.");
        await Assert.ThrowsAsync<DeadActorException>(() => monitored.Ask(new Total()).WaitAsync(FinalWithin));

        told.Tell(new Add(10));
        Assert.Contains(deadLetters, letter => letter.Recipient == told.Address && letter.Reason == DeadLetterReason.RecipientDead);

        output.WriteLine($"SIGKILL to Down(noconnection): {down.TotalMilliseconds:F0} ms; Down to the failed ask: {failed.TotalMilliseconds:F1} ms");
    }

    /// <summary>The surviving silo: the primary, whose memory holds the development membership table.</summary>
    private static async Task<IHost> StartSurvivorAsync(int siloPort, int gatewayPort)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, siloPort), clusterId: SiloSettings.ClusterId);
            silo.AddTypedActors(SiloSettings.Actors);
            SiloSettings.FastFailureDetection(silo);
        });
        IHost host = builder.Build();
        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return host;
    }
}
