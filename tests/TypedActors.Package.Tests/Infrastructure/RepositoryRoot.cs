namespace TypedActors.Package.Tests.Infrastructure;

/// <summary>Locates the repository the tests were built from.</summary>
internal static class RepositoryRoot
{
    public static DirectoryInfo Directory { get; } = Find();

    public static string RuntimeProject => Path.Combine(Directory.FullName, "src", "TypedActors", "TypedActors.csproj");

    private static DirectoryInfo Find()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TypedActors.sln")))
            {
                return directory;
            }
        }

        throw new DirectoryNotFoundException($"No folder containing TypedActors.sln above {AppContext.BaseDirectory}.");
    }
}
