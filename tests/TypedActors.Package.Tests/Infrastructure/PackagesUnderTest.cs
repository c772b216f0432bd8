using System.Xml.Linq;

namespace TypedActors.Package.Tests.Infrastructure;

/// <summary>
/// Packs every library under src/ once for the whole test collection into a fresh folder outside the repository, under
/// a version no earlier run used, and lays out a workspace there in which consumer projects see nothing of the
/// repository: empty Directory.Build.props/.targets and Directory.Packages.props stop MSBuild's walk up the folders,
/// a nuget.config adds the packed feed to the machine's configured sources, and NUGET_PACKAGES points at a cache of
/// its own (with the machine's cache as a read-only fallback, so the packages' dependencies are not downloaded again).
/// </summary>
/// <remarks>
/// The packs build into the workspace too (<c>--artifacts-path</c>), never into the projects' own bin and obj folders:
/// other test assemblies build the same projects at the same time (the two-process cluster demo does, in Release), and
/// two builds writing one obj folder corrupt each other.
/// </remarks>
public sealed class PackagesUnderTest : IAsyncLifetime
{
    /// <summary>The runtime's package: the one every other package depends on.</summary>
    public const string Core = "TypedActors";

    private static readonly TimeSpan PackDeadline = TimeSpan.FromMinutes(5);

    public PackagesUnderTest()
    {
        Workspace = Directory.CreateTempSubdirectory("typedactors-package-").FullName;
        Feed = Directory.CreateDirectory(Path.Combine(Workspace, "feed")).FullName;
        PackagesCache = Directory.CreateDirectory(Path.Combine(Workspace, "packages")).FullName;
        Version = $"{RepositoryVersion()}-packagetest.{DateTime.UtcNow.Ticks}";
    }

    /// <summary>The package ids: one for each project under src/, named after its folder, the runtime first.</summary>
    public static string[] Ids { get; } =
    [
        .. Directory.GetDirectories(Path.Combine(RepositoryRoot.Directory.FullName, "src"))
            .Select(Path.GetFileName)
            .Where(name => File.Exists(ProjectOf(name!)))
            .Order(StringComparer.Ordinal)
            .Cast<string>(),
    ];

    /// <summary>The temporary root every consumer project lives under.</summary>
    public string Workspace { get; }

    /// <summary>The folder the .nupkg and .snupkg are packed into; a package source of the consumers.</summary>
    public string Feed { get; }

    /// <summary>The consumers' own global packages folder.</summary>
    public string PackagesCache { get; }

    public string Version { get; }

    /// <summary>The environment of every consumer build: its own package cache.</summary>
    internal IReadOnlyDictionary<string, string> ConsumerEnvironment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesCache };

    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    public string SymbolsPackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.snupkg");

    /// <summary>
    /// The version a consumer references <paramref name="id"/> at: the packed version for a package of this
    /// repository, else the version the repository's central package management pins.
    /// </summary>
    public string VersionOf(string id) => Ids.Contains(id, StringComparer.Ordinal) ? Version : CentralVersion(id);

    public async Task InitializeAsync()
    {
        WriteIsolatingFiles();
        string repository = RepositoryRoot.Directory.FullName;
        string build = Path.Combine(Workspace, "build");
        foreach (string id in Ids)
        {
            ProcessResult pack = await CommandRunner.RunAsync(
                CommandRunner.DotNet,
                [
                    "pack", ProjectOf(id), "-c", "Release", "-o", Feed, "--artifacts-path", build,
                    $"-p:PackageVersion={Version}", "-p:ContinuousIntegrationBuild=true",
                ],
                repository,
                PackDeadline);
            Assert.True(pack.Succeeded, pack.Describe());
            Assert.True(File.Exists(PackagePath(id)), $"No {Path.GetFileName(PackagePath(id))} in {Feed}.{Environment.NewLine}{pack.Describe()}");
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Workspace, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (a build server's log, an antivirus scan) leaves a folder in the temp directory;
            // that must not turn a passing run into a failing one.
        }

        return Task.CompletedTask;
    }

    private static string ProjectOf(string id) => Path.Combine(RepositoryRoot.Directory.FullName, "src", id, id + ".csproj");

    private void WriteIsolatingFiles()
    {
        const string Empty = "<Project />\n";
        File.WriteAllText(Path.Combine(Workspace, "Directory.Build.props"), Empty);
        File.WriteAllText(Path.Combine(Workspace, "Directory.Build.targets"), Empty);
        File.WriteAllText(Path.Combine(Workspace, "Directory.Packages.props"), Empty);

        var fallback = MachinePackagesCache() is { } machineCache
            ? new XElement("fallbackPackageFolders", new XElement("add", new XAttribute("key", "machine"), new XAttribute("value", machineCache)))
            : null;
        var config = new XDocument(
            new XElement(
                "configuration",
                new XElement("packageSources", new XElement("add", new XAttribute("key", "typedactors-under-test"), new XAttribute("value", Feed))),
                fallback));
        config.Save(Path.Combine(Workspace, "nuget.config"));
    }

    /// <summary>The global packages folder the machine's builds use, when there is one.</summary>
    private static string? MachinePackagesCache()
    {
        string? configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        string folder = string.IsNullOrEmpty(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages")
            : configured;
        return Directory.Exists(folder) ? folder : null;
    }

    /// <summary>The version the repository declares in its root Directory.Build.props.</summary>
    private static string RepositoryVersion()
    {
        string props = Path.Combine(RepositoryRoot.Directory.FullName, "Directory.Build.props");
        return XDocument.Load(props).Descendants("Version").Select(v => v.Value.Trim()).FirstOrDefault(v => v.Length > 0)
            ?? throw new InvalidOperationException($"{props} declares no <Version>.");
    }

    /// <summary>The version of <paramref name="id"/> in the repository's Directory.Packages.props.</summary>
    private static string CentralVersion(string id)
    {
        string props = Path.Combine(RepositoryRoot.Directory.FullName, "Directory.Packages.props");
        return XDocument.Load(props).Descendants("PackageVersion")
            .Where(p => string.Equals((string?)p.Attribute("Include"), id, StringComparison.OrdinalIgnoreCase))
            .Select(p => (string?)p.Attribute("Version"))
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"{props} pins no version of {id}.");
    }
}
