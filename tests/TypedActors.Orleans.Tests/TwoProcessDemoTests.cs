namespace TypedActors.Orleans.Tests;

/// <summary>
/// The demo's silos listen on fixed ports and judge each other's death by timing, so they run alone: not beside the
/// in-process test clusters of this assembly, whose traffic and load must not reach or slow them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TwoProcessDemoCollection
{
    public const string Name = "two-process demo";
}

/// <summary>
/// The real two-process proof: samples/Cluster/run-two-process-demo.sh starts two silo processes on loopback, tells and
/// asks across them, SIGKILLs one, waits for the survivor's monitor to report Down with reason noconnection, and asks
/// the survivor's own actor once more: the death of one silo must not take actors of another with it (which Orleans'
/// default grain directory did: see ActorGrainDirectory).
/// </summary>
[Collection(TwoProcessDemoCollection.Name)]
public sealed class TwoProcessDemoTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Two_silo_processes_talk_and_a_killed_one_is_reported_down_to_the_other()
    {
        string root = RepositoryRoot.Directory.FullName;
        string script = Path.Combine(root, "samples", "Cluster", "run-two-process-demo.sh");

        ProcessResult demo = await CommandRunner.RunAsync("bash", [script], root, Deadline);

        Assert.True(demo.Succeeded, demo.Describe());
        Assert.Contains("demo: killed the secondary silo (SIGKILL)", demo.Output);
        Assert.Contains("demo: passed", demo.Output); // printed only after the survivor logged Down and its own actor answered
    }
}
