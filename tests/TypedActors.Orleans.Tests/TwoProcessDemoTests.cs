using System.Diagnostics;
using System.Text;

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
/// default grain directory did: see ActorGrain.DirectoryName).
/// </summary>
[Collection(TwoProcessDemoCollection.Name)]
public sealed class TwoProcessDemoTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Two_silo_processes_talk_and_a_killed_one_is_reported_down_to_the_other()
    {
        string script = Path.Combine(RepositoryRoot.Directory.FullName, "samples", "Cluster", "run-two-process-demo.sh");
        var output = new StringBuilder();
        using var process = new Process
        {
            StartInfo = new ProcessStartInfo("bash", [script])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The demo did not finish within {Deadline}:\n{output}");
        }

        string log;
        lock (output)
        {
            log = output.ToString();
        }

        Assert.True(process.ExitCode == 0, $"The demo failed (exit {process.ExitCode}):\n{log}");
        Assert.Contains("demo: killed the secondary silo (SIGKILL)", log);
        Assert.Contains("demo: passed", log); // printed only after the survivor logged Down and its own actor answered
    }
}
