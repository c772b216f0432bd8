using Orleans.Configuration;

namespace TypedActors.Orleans.ClusterHost;

/// <summary>What every silo of the multi-process tests shares, the test's own silo included.</summary>
public static class SiloSettings
{
    /// <summary>The cluster id of the tests' clusters (ADO.NET clustering keeps clusters apart by it).</summary>
    public const string ClusterId = "typedactors-tests";

    /// <summary>Registers the actors and placement (the same on every silo and client: placement is part of identity).</summary>
    public static void Actors(ClusterActorsOptions actors)
    {
        actors.Register<Tally>().Register<Ledger>();
        actors.Placement = ActorPlacement.PreferLocal; // a silo's spawns land on it, so a test knows where each actor lives
    }

    /// <summary>
    /// Declares a killed silo dead within seconds (the production defaults take tens of seconds; see docs/cluster.md).
    /// Indirect probes are off: with two silos there is no third to probe through, and a loaded machine must not make
    /// the survivor doubt itself into never declaring the dead one dead.
    /// </summary>
    public static void FastFailureDetection(ISiloBuilder silo)
    {
        silo.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = TimeSpan.FromSeconds(1);
            options.NumMissedProbesLimit = 2;
            options.NumVotesForDeathDeclaration = 1;
            options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            options.EnableIndirectProbes = false;
            options.ExtendProbeTimeoutDuringDegradation = false;
        });

        // After a crash, Orleans' directory refuses new registrations in the dead silo's ranges for this long, in case
        // the silo was only suspected and still runs; a killed silo does not, and the tests need not wait for it.
        silo.Configure<GrainDirectoryOptions>(options => options.RangeLeaseDuration = TimeSpan.FromSeconds(2));
    }
}
