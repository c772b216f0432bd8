using System.Xml.Linq;

namespace TypedActors.BuildBenchmark;

/// <summary>
/// A folder outside the repository holding the packed TypedActors package and the two applications. Empty
/// Directory.Build.props/.targets and Directory.Packages.props stop MSBuild's walk up the folders, a nuget.config adds
/// the packed feed to the machine's sources, and the applications restore into a package cache of their own (with the
/// machine's cache as a read-only fallback), so the package under test is exactly the one packed from this tree.
/// </summary>
internal sealed class Workspace
{
    private Workspace(string root, string repository)
    {
        Root = root;
        Repository = repository;
        Feed = Path.Combine(root, "feed");
        Packages = Path.Combine(root, "packages");
        Plain = Path.Combine(root, "Plain");
        Typed = Path.Combine(root, "Typed");
        PackageVersion = $"{RepositoryVersion(repository)}-buildbenchmark.{DateTime.UtcNow.Ticks}";
    }

    public string Root { get; }

    public string Repository { get; }

    public string Feed { get; }

    public string Packages { get; }

    /// <summary>The application without TypedActors.</summary>
    public string Plain { get; }

    /// <summary>The same application as TypedActors actors.</summary>
    public string Typed { get; }

    public string PackageVersion { get; }

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = Packages };

    /// <summary>Creates the workspace afresh (an earlier run's applications and package cache are removed).</summary>
    public static Workspace Create(string root, string repository)
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var workspace = new Workspace(Directory.CreateDirectory(root).FullName, repository);
        Directory.CreateDirectory(workspace.Feed);
        Directory.CreateDirectory(workspace.Packages);
        const string Empty = "<Project />\n";
        File.WriteAllText(Path.Combine(workspace.Root, "Directory.Build.props"), Empty);
        File.WriteAllText(Path.Combine(workspace.Root, "Directory.Build.targets"), Empty);
        File.WriteAllText(Path.Combine(workspace.Root, "Directory.Packages.props"), Empty);

        string machineCache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var config = new XDocument(
            new XElement(
                "configuration",
                new XElement("packageSources", new XElement("add", new XAttribute("key", "typedactors-under-test"), new XAttribute("value", workspace.Feed))),
                Directory.Exists(machineCache)
                    ? new XElement("fallbackPackageFolders", new XElement("add", new XAttribute("key", "machine"), new XAttribute("value", machineCache)))
                    : null));
        config.Save(Path.Combine(workspace.Root, "nuget.config"));
        return workspace;
    }

    /// <summary>Packs src/TypedActors (runtime, generator and analyzers) into <see cref="Feed"/>.</summary>
    public void PackRuntime()
    {
        string project = Path.Combine(Repository, "src", "TypedActors", "TypedActors.csproj");
        CommandResult pack = DotNet.Run(
            Repository,
            new Dictionary<string, string>(),
            "pack", project, "-c", "Release", "-o", Feed, $"-p:PackageVersion={PackageVersion}");
        if (!pack.Succeeded)
        {
            throw new InvalidOperationException($"Packing TypedActors failed:\n{pack.Tail()}");
        }
    }

    /// <summary>The folder holding TypedActors.sln, searched upwards from <paramref name="start"/>.</summary>
    public static string FindRepository(string start)
    {
        for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TypedActors.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No TypedActors.sln above {start}: run from the repository.");
    }

    private static string RepositoryVersion(string repository)
    {
        XDocument props = XDocument.Load(Path.Combine(repository, "Directory.Build.props"));
        return props.Descendants("Version").FirstOrDefault()?.Value
            ?? throw new InvalidOperationException("Directory.Build.props declares no <Version>.");
    }
}
