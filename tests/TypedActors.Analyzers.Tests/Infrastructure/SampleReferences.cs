using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace TypedActors.Analyzers.Tests.Infrastructure;

/// <summary>
/// What a sample references beyond the runtime, read from its project file: ASP.NET Core for a web sample, the HTTP
/// gateway, hosting and SQLite journal libraries, the packages it uses (this test project references the same ones),
/// and other samples (compiled in memory, generator included, like the sample itself).
/// </summary>
internal static class SampleReferences
{
    public static IEnumerable<MetadataReference> For(DirectoryInfo project)
    {
        FileInfo projectFile = project.EnumerateFiles("*.csproj").Single();
        XElement root = XElement.Load(projectFile.FullName);
        if ((string?)root.Attribute("Sdk") == "Microsoft.NET.Sdk.Web")
        {
            foreach (MetadataReference reference in AspNetCore())
            {
                yield return reference;
            }
        }

        foreach (MetadataReference package in Packages(root))
        {
            yield return package;
        }

        foreach (string include in root.Descendants("ProjectReference").Select(r => (string)r.Attribute("Include")!))
        {
            string referenced = Path.GetFullPath(Path.Combine(project.FullName, include.Replace('\\', Path.DirectorySeparatorChar)));
            if (Path.GetFileName(referenced) == "TypedActors.Http.csproj")
            {
                yield return MetadataReference.CreateFromFile(typeof(Http.ActorGatewayEndpoints).Assembly.Location);
                continue;
            }

            if (Path.GetFileName(referenced) == "TypedActors.Hosting.csproj")
            {
                yield return MetadataReference.CreateFromFile(typeof(TypedActorsServiceCollectionExtensions).Assembly.Location);
                continue;
            }

            if (Path.GetFileName(referenced) == "TypedActors.Persistence.Sqlite.csproj")
            {
                yield return MetadataReference.CreateFromFile(typeof(global::TypedActors.Persistence.Sqlite.SqliteJournal).Assembly.Location);
                continue;
            }

            var sample = new DirectoryInfo(Path.GetDirectoryName(referenced)!);
            yield return ProjectCompiler
                .Compile(sample.Name, Repository.SourcesOf(sample), OutputKind.DynamicallyLinkedLibrary, For(sample))
                .ToMetadataReference();
        }
    }

    /// <summary>The assemblies of the packages the sample references, as restored for this test project.</summary>
    public static IEnumerable<MetadataReference> Packages(XElement project) =>
        project.Descendants("PackageReference")
            .Select(r => ((string)r.Attribute("Include")!).Split('.')[0])
            .Distinct()
            .SelectMany(prefix => Directory.EnumerateFiles(AppContext.BaseDirectory, prefix + "*.dll"))
            .Distinct()
            .Select(path => MetadataReference.CreateFromFile(path));

    /// <summary>The ASP.NET Core shared framework this test runs on.</summary>
    private static IEnumerable<MetadataReference> AspNetCore()
    {
        string folder = Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Builder.WebApplication).Assembly.Location)!;
        return Directory.EnumerateFiles(folder, "Microsoft.*.dll")
            .Where(path => Path.GetFileName(path).StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                || Path.GetFileName(path).StartsWith("Microsoft.Extensions", StringComparison.Ordinal)
                || Path.GetFileName(path).StartsWith("Microsoft.Net.Http", StringComparison.Ordinal))
            .Select(path => MetadataReference.CreateFromFile(path));
    }
}
