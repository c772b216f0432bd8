using System.Xml.Linq;

namespace TypedActors.Package.Tests.Infrastructure;

/// <summary>
/// Packs src/TypedActors once for the whole test collection into a fresh folder outside the repository, under a
/// version no earlier run used, and lays out a workspace there in which consumer projects see nothing of the
/// repository: empty Directory.Build.props/.targets and Directory.Packages.props stop MSBuild's walk up the folders,
/// a nuget.config adds the packed feed to the machine's configured sources, and NUGET_PACKAGES points at a cache of
/// its own (with the machine's cache as a read-only fallback, so the runtime's dependencies are not downloaded again).
/// </summary>
public sealed class PackageUnderTest : IAsyncLifetime
{
    private static readonly string RuntimeProject =
        Path.Combine(RepositoryRoot.Directory.FullName, "src", "TypedActors", "TypedActors.csproj");

    private static readonly TimeSpan PackDeadline = TimeSpan.FromMinutes(5);

    public PackageUnderTest()
    {
        Workspace = Directory.CreateTempSubdirectory("typedactors-package-").FullName;
        Feed = Directory.CreateDirectory(Path.Combine(Workspace, "feed")).FullName;
        PackagesCache = Directory.CreateDirectory(Path.Combine(Workspace, "packages")).FullName;
        Version = $"{RepositoryVersion()}-packagetest.{DateTime.UtcNow.Ticks}";
    }

    /// <summary>The temporary root every consumer project lives under.</summary>
    public string Workspace { get; }

    /// <summary>The folder the .nupkg and .snupkg are packed into; a package source of the consumers.</summary>
    public string Feed { get; }

    /// <summary>The consumers' own global packages folder.</summary>
    public string PackagesCache { get; }

    public string Version { get; }

    public string PackagePath => Path.Combine(Feed, $"TypedActors.{Version}.nupkg");

    public string SymbolsPackagePath => Path.Combine(Feed, $"TypedActors.{Version}.snupkg");

    /// <summary>The environment of every consumer build: its own package cache.</summary>
    internal IReadOnlyDictionary<string, string> ConsumerEnvironment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesCache };

    public async Task InitializeAsync()
    {
        WriteIsolatingFiles();

        // Restore without the version override first (a no-op when the solution was built), so that the pack itself
        // can skip restore and leave the repository's restore state exactly as it was.
        string repository = RepositoryRoot.Directory.FullName;
        ProcessResult restore = await CommandRunner.RunAsync(
            CommandRunner.DotNet, ["restore", RuntimeProject], repository, PackDeadline);
        Assert.True(restore.Succeeded, restore.Describe());

        ProcessResult pack = await CommandRunner.RunAsync(
            CommandRunner.DotNet,
            [
                "pack", RuntimeProject, "--no-restore", "-c", "Release", "-o", Feed,
                $"-p:PackageVersion={Version}", "-p:ContinuousIntegrationBuild=true",
            ],
            repository,
            PackDeadline);
        Assert.True(pack.Succeeded, pack.Describe());
        Assert.True(File.Exists(PackagePath), $"No {Path.GetFileName(PackagePath)} in {Feed}.{Environment.NewLine}{pack.Describe()}");
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
}
