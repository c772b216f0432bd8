using System.Net;
using System.Net.Sockets;

namespace TypedActors.Orleans.Tests;

/// <summary>
/// A rolling upgrade: two silo processes of one cluster, built from two versions of the application
/// (tests/TypedActors.Orleans.UpgradeApp; version 2 adds two members to the message <c>Greeting</c>, one optional and one
/// whose constructor default is 1), each hosting an actor, asking each other's across the version boundary both ways.
/// The silos listen on free loopback ports.
/// </summary>
public sealed class RollingUpgradeTests
{
    private static readonly TimeSpan BuildDeadline = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(4);
    private static readonly Lazy<Task<(string V1, string V2)>> Builds = new(BuildBothVersionsAsync);

    [Fact]
    public async Task Silos_running_two_versions_of_a_message_type_with_an_added_member_exchange_it_both_ways()
    {
        (string v1, string v2) = await Builds.Value;
        string root = RepositoryRoot.Directory.FullName;
        DirectoryInfo work = Directory.CreateTempSubdirectory("typedactors-upgrade-");
        try
        {
            string ready = Path.Combine(work.FullName, "first-silo-up");
            int firstPort = FreePort();
            Task<ProcessResult> first = CommandRunner.RunAsync(
                CommandRunner.DotNet, [v1, "--port", $"{firstPort}", "--gateway", $"{FreePort()}", "--ready", ready], root, RunDeadline);
            await Eventually.Holds(() => File.Exists(ready) || first.IsCompleted, RunDeadline);
            Assert.False(first.IsCompleted, Outcome(first)); // the first silo ended before it was up

            Task<ProcessResult> secondRun = CommandRunner.RunAsync(
                CommandRunner.DotNet, [v2, "--port", $"{FreePort()}", "--gateway", $"{FreePort()}", "--primary", $"{firstPort}"], root, RunDeadline);
            try
            {
                await Task.WhenAll(first, secondRun);
            }
            catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
            {
                Assert.Fail($"A silo did not finish.{Environment.NewLine}first: {Outcome(first)}{Environment.NewLine}second: {Outcome(secondRun)}");
            }

            ProcessResult firstResult = await first;
            ProcessResult second = await secondRun;
            Assert.True(second.Succeeded, second.Describe());
            Assert.True(firstResult.Succeeded, firstResult.Describe());
            // Version 1 reads version 2's greeting: the members it does not know are skipped.
            Assert.Contains("v2 asked: v1 read 'hello from v2'", Lines(second));
            Assert.Contains("v1 log: v1 read 'hello from v2'", Lines(firstResult));
            // Version 2 reads version 1's greeting: the members it lacks take their type's default (null, 0), not the
            // constructor's default value (Priority = 1).
            const string ReadByV2 = "v2 read 'hello from v1', sender (none), priority 0";
            Assert.Contains($"v2 asked back: {ReadByV2}", Lines(second));
            Assert.Contains($"v1 log: asked back: {ReadByV2}", Lines(firstResult));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Outcome(Task<ProcessResult> run) =>
        run.IsCompletedSuccessfully ? run.Result.Describe() : run.Exception?.InnerException?.Message ?? "still running";

    private static string[] Lines(ProcessResult result) =>
        result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Builds the application as version 1 and as version 2, one after the other (they share the project's obj folder),
    /// each into its own folder of the repository's ignored artifacts.
    /// </summary>
    private static async Task<(string V1, string V2)> BuildBothVersionsAsync()
    {
        string root = RepositoryRoot.Directory.FullName;
        string project = Path.Combine(root, "tests", "TypedActors.Orleans.UpgradeApp", "TypedActors.Orleans.UpgradeApp.csproj");
        var built = new List<string>();
        foreach (string version in new[] { "1", "2" })
        {
            string output = Path.Combine(root, "artifacts", "orleans-upgrade-v" + version);
            ProcessResult build = await CommandRunner.RunAsync(
                CommandRunner.DotNet, ["build", project, "-o", output, $"-p:MessageVersion={version}", "-nologo", "-v", "q"], root, BuildDeadline);
            Assert.True(build.Succeeded, build.Describe());
            built.Add(Path.Combine(output, "TypedActors.Orleans.UpgradeApp.dll"));
        }

        return (built[0], built[1]);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
