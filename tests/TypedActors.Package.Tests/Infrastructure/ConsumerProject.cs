using System.Runtime.InteropServices;

namespace TypedActors.Package.Tests.Infrastructure;

/// <summary>
/// A console application written from scratch in the package workspace: one project file whose only reference is
/// the TypedActors package under test, plus the given C# files. Warnings are errors, as in the repository.
/// </summary>
internal sealed class ConsumerProject
{
    private static readonly TimeSpan BuildDeadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan PublishDeadline = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(60);

    private readonly PackageUnderTest _package;

    private ConsumerProject(PackageUnderTest package, string name)
    {
        _package = package;
        Name = name;
        Folder = Directory.CreateDirectory(Path.Combine(package.Workspace, name)).FullName;
    }

    public string Name { get; }

    public string Folder { get; }

    public static ConsumerProject Create(PackageUnderTest package, string name, IReadOnlyDictionary<string, string> sources)
    {
        var project = new ConsumerProject(package, name);
        File.WriteAllText(Path.Combine(project.Folder, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="TypedActors" Version="{package.Version}" />
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

    /// <summary>Runs the output of <see cref="BuildAsync"/>.</summary>
    public Task<ProcessResult> RunAsync() =>
        CommandRunner.RunAsync(
            CommandRunner.DotNet,
            [Path.Combine(Folder, "bin", "Release", "net10.0", Name + ".dll")],
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
        CommandRunner.RunAsync(CommandRunner.DotNet, arguments, Folder, deadline, _package.ConsumerEnvironment);
}
