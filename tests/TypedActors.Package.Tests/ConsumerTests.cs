using System.Text.RegularExpressions;
using TypedActors.Package.Tests.Infrastructure;

namespace TypedActors.Package.Tests;

/// <summary>
/// Fresh projects outside the repository, referencing only the packed TypedActors, as a user's would: they build
/// only if the generator loads from the package, and report TA2001 only if the analyzers do.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed partial class ConsumerTests(PackagesUnderTest packages)
{
    [Fact]
    public async Task A_console_app_referencing_only_the_package_builds_warning_free_and_runs()
    {
        var app = ConsumerProject.Create(packages, "TallyApp", new Dictionary<string, string> { ["Program.cs"] = ConsumerSources.TallyProgram });

        ProcessResult build = await app.BuildAsync();
        Assert.True(build.Succeeded, build.Describe());
        Assert.True(File.Exists(Path.Combine(packages.PackagesCache, "typedactors", packages.Version, $"typedactors.{packages.Version}.nupkg")),
            $"TypedActors {packages.Version} was not restored from the packed feed.{Environment.NewLine}{build.Describe()}");

        ProcessResult run = await app.RunAsync();
        Assert.True(run.Succeeded, run.Describe());
        Assert.Equal(ConsumerSources.TallyOutput, Lines(run.Output));
    }

    [Fact]
    public async Task Static_mutable_state_in_a_handler_fails_the_build_with_TA2001_from_the_packaged_analyzers()
    {
        var app = ConsumerProject.Create(packages, "StaticStateApp", new Dictionary<string, string> { ["Program.cs"] = ConsumerSources.StaticStateProgram });

        ProcessResult build = await app.BuildAsync();

        Assert.False(build.Succeeded, build.Describe());
        Assert.Contains($"Program.cs({ConsumerSources.StaticStateLine},", build.Output, StringComparison.Ordinal);
        string[] errorIds = [.. DiagnosticId().Matches(build.Output).Select(m => m.Groups["id"].Value).Distinct().Order(StringComparer.Ordinal)];
        Assert.True(errorIds.SequenceEqual(["TA2001"]), $"Expected only TA2001, got [{string.Join(", ", errorIds)}].{Environment.NewLine}{build.Describe()}");
    }

    [Fact]
    public async Task The_app_publishes_as_NativeAOT_without_trim_or_AOT_warnings_and_runs_natively()
    {
        var app = ConsumerProject.Create(packages, "NativeTallyApp", new Dictionary<string, string> { ["Program.cs"] = ConsumerSources.TallyProgram });

        ProcessResult publish = await app.PublishNativeAsync();
        Assert.True(publish.Succeeded, publish.Describe());
        string[] trimOrAotWarnings = [.. TrimOrAotWarning().Matches(publish.Output).Select(m => m.Value).Distinct()];
        Assert.True(trimOrAotWarnings.Length == 0, $"Trim/AOT warnings: {string.Join(", ", trimOrAotWarnings)}.{Environment.NewLine}{publish.Describe()}");

        ProcessResult run = await app.RunNativeAsync();
        Assert.True(run.Succeeded, run.Describe());
        Assert.Equal(ConsumerSources.TallyOutput, Lines(run.Output));
    }

    [Fact]
    public async Task A_wire_contract_file_beside_the_project_is_checked_without_any_setup()
    {
        // WireContracts.Shipped.txt lists a type the program no longer has: the package's build file passes the file to
        // the analyzers, and the build fails with TA4008 at its line (and with nothing else: the rest is listed).
        var app = ConsumerProject.Create(packages, "WireContractApp", new Dictionary<string, string>
        {
            ["Program.cs"] = ConsumerSources.StaticStateProgram.Replace("private static int s_greeted;", "private int _greeted;").Replace("s_greeted", "_greeted"),
            ["WireContracts.Shipped.txt"] = "Greet\nGreet.Name: string\nGreeted\nGreeted.Name: string\n",
        });

        ProcessResult build = await app.BuildAsync();

        Assert.False(build.Succeeded, build.Describe());
        Assert.Contains("WireContracts.Shipped.txt(3,1): error TA4008", build.Output, StringComparison.Ordinal);
        string[] errorIds = [.. DiagnosticId().Matches(build.Output).Select(m => m.Groups["id"].Value).Distinct().Order(StringComparer.Ordinal)];
        Assert.True(errorIds.SequenceEqual(["TA4008"]), $"Expected only TA4008, got [{string.Join(", ", errorIds)}].{Environment.NewLine}{build.Describe()}");
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex(@"error (?<id>[A-Z]+\d+):")]
    private static partial Regex DiagnosticId();

    [GeneratedRegex(@"\bIL[23]\d{3}\b")]
    private static partial Regex TrimOrAotWarning();
}
