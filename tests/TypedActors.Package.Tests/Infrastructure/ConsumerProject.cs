using System.Runtime.InteropServices;

namespace TypedActors.Package.Tests.Infrastructure;

/// <summary>
/// An application written from scratch in the package workspace: one project file whose only references are packages
/// (by default the TypedActors package under test alone), plus the given C# files. Warnings are errors, as in the
/// repository.
/// </summary>
internal sealed class ConsumerProject
{
    private const string ConsoleSdk = "Microsoft.NET.Sdk";
    private static readonly TimeSpan BuildDeadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan PublishDeadline = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(60);

    private readonly PackagesUnderTest _packages;

    private ConsumerProject(PackagesUnderTest packages, string name)
    {
        _packages = packages;
        Name = name;
        Folder = Directory.CreateDirectory(Path.Combine(packages.Workspace, name)).FullName;
    }

    public string Name { get; }

    public string Folder { get; }

    /// <summary>A console application that references the TypedActors package alone.</summary>
    public static ConsumerProject Create(PackagesUnderTest packages, string name, IReadOnlyDictionary<string, string> sources) =>
        Create(packages, name, sources, ConsoleSdk, [PackagesUnderTest.Core]);

    /// <summary>
    /// An application of <paramref name="sdk"/> that references <paramref name="references"/>: packages under test at
    /// the packed version, others at the version the repository pins. <paramref name="noWarn"/> lists warnings the
    /// application tolerates, as the repository's project of the same kind does.
    /// </summary>
    public static ConsumerProject Create(
        PackagesUnderTest packages,
        string name,
        IReadOnlyDictionary<string, string> sources,
        string sdk,
        IReadOnlyList<string> references,
        string noWarn = "")
    {
        var project = new ConsumerProject(packages, name);
        string packageReferences = string.Join(
            Environment.NewLine + "    ",
            references.Select(id => $"""<PackageReference Include="{id}" Version="{packages.VersionOf(id)}" />"""));
        File.WriteAllText(Path.Combine(project.Folder, name + ".csproj"), $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NoWarn>$(NoWarn);{noWarn}</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                {packageReferences}
              </ItemGroup>
            </Project>
            """);
        foreach ((string file, string text) in sources)
        {
            File.WriteAllText(Path.Combine(project.Folder, file), text);
        }

        return project;
    }

    public Task<ProcessResult> BuildAsync() => DotNetAsync(["build", "-c", "Release"], BuildDeadline);

    /// <summary>Runs the output of <see cref="BuildAsync"/> with <paramref name="arguments"/>.</summary>
    public Task<ProcessResult> RunAsync(params string[] arguments) =>
        CommandRunner.RunAsync(
            CommandRunner.DotNet,
            [Path.Combine(Folder, "bin", "Release", "net10.0", Name + ".dll"), .. arguments],
            Folder,
            RunDeadline);

    /// <summary>
    /// Publishes a native executable for this machine. Every trim and AOT warning is reported on its own
    /// (TrimmerSingleWarn=false) rather than folded into one warning per assembly.
    /// </summary>
    public Task<ProcessResult> PublishNativeAsync() =>
        DotNetAsync(
            [
                "publish", "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-o", NativeFolder,
                "-p:PublishAot=true", "-p:TrimmerSingleWarn=false",
            ],
            PublishDeadline);

    /// <summary>Runs the output of <see cref="PublishNativeAsync"/>: no .NET host involved.</summary>
    public Task<ProcessResult> RunNativeAsync() =>
        CommandRunner.RunAsync(
            Path.Combine(NativeFolder, OperatingSystem.IsWindows() ? Name + ".exe" : Name),
            [],
            Folder,
            RunDeadline);

    private string NativeFolder => Path.Combine(Folder, "native");

    private Task<ProcessResult> DotNetAsync(IReadOnlyList<string> arguments, TimeSpan deadline) =>
        CommandRunner.RunAsync(CommandRunner.DotNet, arguments, Folder, deadline, _packages.ConsumerEnvironment);
}
