using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TypedActors.Package.Tests.Infrastructure;

namespace TypedActors.Package.Tests;

/// <summary>
/// The packages built on the runtime, each packed and used by a fresh project that references it (and what any
/// application of its kind needs besides, such as the Orleans server), never the TypedActors package itself: the
/// project's actors compile only if the generator reaches it through the integration package. Each package must also
/// declare that it passes the generator on: today's SDK passes analyzers on whatever a dependency declares, a restore
/// that honours the declaration would not.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed partial class IntegrationPackageTests(PackagesUnderTest packages)
{
    private const string Hosting = "TypedActors.Hosting";
    private const string Http = "TypedActors.Http";
    private const string Orleans = "TypedActors.Orleans";
    private const string OrleansPostgreSql = "TypedActors.Orleans.PostgreSql";
    private const string PostgreSql = "TypedActors.Persistence.PostgreSql";
    private const string Sqlite = "TypedActors.Persistence.Sqlite";
    private const string Testing = "TypedActors.Testing";

    [Fact]
    public void Every_library_under_src_is_packed_and_has_a_consumer_test()
    {
        // A new library under src/ is packed by the fixture on its own; this names the ones that have a test here.
        Assert.Equal([PackagesUnderTest.Core, Hosting, Http, Orleans, OrleansPostgreSql, PostgreSql, Sqlite, Testing], PackagesUnderTest.Ids);
    }

    [Theory]
    [InlineData(Hosting)]
    [InlineData(Http)]
    [InlineData(Orleans)]
    [InlineData(OrleansPostgreSql)]
    [InlineData(PostgreSql)]
    [InlineData(Sqlite)]
    [InlineData(Testing)]
    public void An_integration_package_ships_its_library_for_each_framework_and_passes_the_generator_on(string id)
    {
        using ZipArchive archive = ZipFile.OpenRead(packages.PackagePath(id));
        string[] entries = [.. archive.Entries.Select(e => e.FullName)];
        foreach (string framework in new[] { "net8.0", "net10.0" })
        {
            Assert.Contains($"lib/{framework}/{id}.dll", entries);
            Assert.Contains($"lib/{framework}/{id}.xml", entries);
        }

        XDocument nuspec;
        using (Stream stream = archive.GetEntry($"{id}.nuspec")!.Open())
        {
            nuspec = XDocument.Load(stream);
        }

        XElement[] onRuntime = [.. nuspec.Descendants(nuspec.Root!.Name.Namespace + "dependency").Where(d => (string?)d.Attribute("id") == PackagesUnderTest.Core)];
        Assert.Equal(2, onRuntime.Length); // one per target framework
        Assert.All(onRuntime, dependency =>
        {
            Assert.Equal(packages.Version, (string?)dependency.Attribute("version"));
            Assert.Null(dependency.Attribute("exclude")); // a restore that honours exclude="Analyzers" withholds the generator
            Assert.Equal("All", (string?)dependency.Attribute("include"));
        });
    }

    [Fact]
    public async Task An_app_on_the_generic_host_referencing_TypedActors_Hosting_builds_and_runs()
    {
        var app = ConsumerProject.Create(
            packages, "HostedApp", new Dictionary<string, string> { ["Program.cs"] = IntegrationSources.HostingProgram },
            "Microsoft.NET.Sdk", [Hosting, "Microsoft.Extensions.Hosting"]);

        await BuildRunAndExpect(app, IntegrationSources.HostingOutput);
    }

    [Fact]
    public async Task A_web_app_referencing_TypedActors_Http_builds_and_serves_the_gateway()
    {
        var app = ConsumerProject.Create(
            packages, "GatewayApp", new Dictionary<string, string> { ["Program.cs"] = IntegrationSources.GatewayProgram },
            "Microsoft.NET.Sdk.Web", [Http]);

        await BuildRunAndExpect(app, IntegrationSources.GatewayOutput);
    }

    [Fact]
    public async Task A_silo_referencing_TypedActors_Orleans_builds_and_runs_a_clustered_actor()
    {
        // Orleans 10.4.2 asks for patch versions of ASP.NET Core/System.Composition packages the feed serves only newer.
        var app = ConsumerProject.Create(
            packages, "SiloApp", new Dictionary<string, string> { ["Program.cs"] = IntegrationSources.ClusterProgram },
            "Microsoft.NET.Sdk", [Orleans, "Microsoft.Orleans.Server"], noWarn: "NU1603");

        await BuildRunAndExpect(app, IntegrationSources.ClusterOutput, FreeLoopbackPort().ToString(), FreeLoopbackPort().ToString());
    }

    [Fact]
    public async Task A_program_referencing_TypedActors_Testing_alone_tests_an_actor_with_a_probe_and_virtual_time()
    {
        var app = ConsumerProject.Create(
            packages, "KitApp", new Dictionary<string, string> { ["Program.cs"] = IntegrationSources.TestKitProgram },
            "Microsoft.NET.Sdk", [Testing]);

        await BuildRunAndExpect(app, IntegrationSources.TestKitOutput);
    }

    [Fact]
    public async Task A_probe_expectation_its_actor_cannot_meet_fails_the_build_with_TA1010_and_TA1011()
    {
        var app = ConsumerProject.Create(
            packages, "KitMistakesApp", new Dictionary<string, string> { ["Program.cs"] = IntegrationSources.TestKitMistakes },
            "Microsoft.NET.Sdk", [Testing]);

        ProcessResult build = await app.BuildAsync();

        Assert.False(build.Succeeded, build.Describe());
        string[] lines = IntegrationSources.TestKitMistakes.Split('\n');
        string[] expected = [.. new[] { "TA1010", "TA1011" }.Select(id => $"Program.cs({Array.FindIndex(lines, l => l.EndsWith($"// error {id}", StringComparison.Ordinal)) + 1}) {id}")];
        string[] errors = [.. BuildError().Matches(build.Output).Select(m => $"{m.Groups["file"].Value}({m.Groups["line"].Value}) {m.Groups["id"].Value}").Distinct().Order(StringComparer.Ordinal)];
        Assert.True(expected.SequenceEqual(errors), $"Expected {string.Join(", ", expected)}; got {string.Join(", ", errors)}.{Environment.NewLine}{build.Describe()}");
    }

    [Fact]
    public async Task An_app_referencing_TypedActors_Persistence_Sqlite_keeps_a_persistent_actor_across_runs()
    {
        var app = ConsumerProject.Create(
            packages, "DurableApp", new Dictionary<string, string> { ["Program.cs"] = IntegrationSources.PersistenceProgram },
            "Microsoft.NET.Sdk", [Sqlite]);
        string database = Path.Combine(app.Folder, "tally.db");

        await BuildRunAndExpect(app, ["recovered: 0", "total: 2"], database, "2");
        // A new process on the same database file starts from what the first one stored.
        await RunAndExpect(app, ["recovered: 2", "total: 5"], database, "3");
    }

    internal static async Task BuildRunAndExpect(ConsumerProject app, string[] expected, params string[] arguments)
    {
        ProcessResult build = await app.BuildAsync();
        Assert.True(build.Succeeded, build.Describe());
        await RunAndExpect(app, expected, arguments);
    }

    internal static async Task RunAndExpect(ConsumerProject app, string[] expected, params string[] arguments)
    {
        ProcessResult run = await app.RunAsync(arguments);
        Assert.True(run.Succeeded, run.Describe());
        Assert.Equal(expected, run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [GeneratedRegex(@"(?<file>[^\s/\\:]+\.cs)\((?<line>\d+),\d+\): error (?<id>[A-Z]+\d+):")]
    private static partial Regex BuildError();

    /// <summary>A port no one listens on right now (the silo's fixed defaults may be taken by another test's cluster).</summary>
    internal static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
