namespace TypedActors.Analyzers.Tests.Infrastructure;

/// <summary>Locates the repository the tests were built from.</summary>
internal static class Repository
{
    public static DirectoryInfo Root => RepositoryRoot.Directory;

    /// <summary>The C# files of a project folder, without build output.</summary>
    public static IEnumerable<(string Path, string Text)> SourcesOf(DirectoryInfo project) =>
        project.EnumerateFiles("*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(project.FullName, f.FullName)))
            .OrderBy(f => f.FullName, StringComparer.Ordinal)
            .Select(f => (f.FullName, File.ReadAllText(f.FullName)));

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0] is "obj" or "bin";
}
