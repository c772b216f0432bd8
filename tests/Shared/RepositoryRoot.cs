namespace TypedActors.Testing;

/// <summary>The folder holding TypedActors.sln, found by walking up from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static DirectoryInfo Directory { get; } = Find();

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
