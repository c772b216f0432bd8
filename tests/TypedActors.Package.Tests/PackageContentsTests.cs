using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using TypedActors.Package.Tests.Infrastructure;

namespace TypedActors.Package.Tests;

/// <summary>What the packed .nupkg and .snupkg contain, read straight from the archives.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageContentsTests(PackagesUnderTest packages)
{
    private const string AnalyzerFolder = "analyzers/dotnet/cs/";

    private static readonly string[] CompileTimeAssemblies =
        ["TypedActors.Analyzers.CodeFixes.dll", "TypedActors.Analyzers.dll", "TypedActors.Generators.dll"];

    [Theory]
    [InlineData("net8.0")]
    [InlineData("net10.0")]
    public void The_runtime_ships_with_its_documentation_for_each_target_framework(string framework)
    {
        string[] entries = Entries(packages.PackagePath(PackagesUnderTest.Core));

        Assert.Contains($"lib/{framework}/TypedActors.dll", entries);
        Assert.Contains($"lib/{framework}/TypedActors.xml", entries);
    }

    [Fact]
    public void The_generator_analyzers_and_code_fixes_are_the_only_assemblies_in_the_analyzer_folder()
    {
        string[] analyzers = [.. Entries(packages.PackagePath(PackagesUnderTest.Core)).Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

        Assert.Equal(CompileTimeAssemblies.Select(a => AnalyzerFolder + a), analyzers);
    }

    [Fact]
    public void The_compile_time_assemblies_reference_nothing_the_compiler_does_not_provide()
    {
        using ZipArchive archive = ZipFile.OpenRead(packages.PackagePath(PackagesUnderTest.Core));
        foreach (string assembly in CompileTimeAssemblies)
        {
            string[] references = ReferencedAssemblies(archive.GetEntry(AnalyzerFolder + assembly)!);

            // The host (compiler or IDE) loads netstandard, the System.* facades and Roslyn; anything else would have
            // to ship beside the analyzers and be loaded into every compilation.
            string[] foreign = [.. references.Where(r => !IsProvidedToAnalyzers(r))];
            Assert.True(foreign.Length == 0, $"{assembly} references {string.Join(", ", foreign)}");
        }
    }

    [Fact]
    public void The_metadata_carries_licence_readme_repository_and_only_the_runtime_dependencies()
    {
        XNamespace ns = Nuspec().Root!.Name.Namespace;
        XElement metadata = Nuspec().Root!.Element(ns + "metadata")!;

        Assert.Equal("TypedActors", metadata.Element(ns + "id")!.Value);
        Assert.Equal(packages.Version, metadata.Element(ns + "version")!.Value);
        Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
        Assert.Equal("expression", metadata.Element(ns + "license")!.Attribute("type")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")!.Value));
        Assert.Contains("actors", metadata.Element(ns + "tags")!.Value.Split(' '));
        XElement repository = metadata.Element(ns + "repository")!;
        Assert.Equal("git", repository.Attribute("type")!.Value);
        Assert.Equal("https://github.com/typedactors/typedactors", repository.Attribute("url")!.Value);
        Assert.Contains("README.md", Entries(packages.PackagePath(PackagesUnderTest.Core)));
        Assert.Contains("LICENSE", Entries(packages.PackagePath(PackagesUnderTest.Core)));

        var groups = metadata.Element(ns + "dependencies")!.Elements(ns + "group")
            .ToDictionary(g => g.Attribute("targetFramework")!.Value, g => g.Elements(ns + "dependency").Select(d => d.Attribute("id")!.Value).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["net10.0", "net8.0"], groups.Keys.Order(StringComparer.Ordinal));
        Assert.All(groups.Values, ids => Assert.Equal(["MessagePack", "Microsoft.Extensions.Logging.Abstractions"], ids));
    }

    [Fact]
    public void The_symbols_package_holds_a_portable_pdb_for_each_target_framework()
    {
        string[] entries = Entries(packages.SymbolsPackagePath(PackagesUnderTest.Core));

        Assert.Contains("lib/net8.0/TypedActors.pdb", entries);
        Assert.Contains("lib/net10.0/TypedActors.pdb", entries);
    }

    private XDocument Nuspec()
    {
        using ZipArchive archive = ZipFile.OpenRead(packages.PackagePath(PackagesUnderTest.Core));
        using Stream stream = archive.GetEntry("TypedActors.nuspec")!.Open();
        return XDocument.Load(stream);
    }

    private static string[] Entries(string archivePath)
    {
        Assert.True(File.Exists(archivePath), $"{archivePath} was not packed.");
        using ZipArchive archive = ZipFile.OpenRead(archivePath);
        return [.. archive.Entries.Select(e => e.FullName)];
    }

    private static string[] ReferencedAssemblies(ZipArchiveEntry entry)
    {
        using var image = new MemoryStream();
        using (Stream stream = entry.Open())
        {
            stream.CopyTo(image);
        }

        image.Position = 0;
        using var pe = new PEReader(image);
        MetadataReader reader = pe.GetMetadataReader();
        return [.. reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name))];
    }

    private static bool IsProvidedToAnalyzers(string assemblyName) =>
        assemblyName == "netstandard" ||
        assemblyName.StartsWith("System.", StringComparison.Ordinal) ||
        assemblyName.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) ||
        CompileTimeAssemblies.Contains(assemblyName + ".dll");
}
