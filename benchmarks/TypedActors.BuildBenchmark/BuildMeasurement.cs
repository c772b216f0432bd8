namespace TypedActors.BuildBenchmark;

/// <summary>What the typed application's build generated, counted from the files the compiler wrote out.</summary>
internal sealed record GeneratedCode(int Files, long Lines, long Bytes, long ActorLines, long MessageLines, long UserLines);

/// <summary>The builds the benchmark runs, each a Release <c>dotnet build</c> of one application.</summary>
internal sealed class BuildMeasurement
{
    private readonly Workspace _workspace;
    private readonly bool _compilerServer;

    /// <param name="compilerServer">
    /// Compile in the shared compiler server, as <c>dotnet build</c> does by default (a warm, already compiled
    /// compiler); false starts a fresh compiler process per build, as with <c>UseSharedCompilation=false</c>.
    /// </param>
    public BuildMeasurement(Workspace workspace, bool compilerServer)
    {
        _workspace = workspace;
        _compilerServer = compilerServer;
    }

    /// <summary>Restores and builds from scratch; also starts the compiler server, so later builds find it warm.</summary>
    public void FirstBuild(string folder) => Build(folder, "--nologo");

    /// <summary>Edits one handler body, rebuilds, and returns the compiler's time.</summary>
    public double CompilerSecondsAfterEdit(string folder, int round)
    {
        SampleApplication.EditHandlerBody(folder, round);
        CommandResult build = Build(folder, "--no-restore", "-clp:PerformanceSummary");
        return DotNet.CscSeconds(build.Output)
            ?? throw new InvalidOperationException($"The build of {folder} reported no Csc time:\n{build.Tail()}");
    }

    /// <summary>Edits one handler body and rebuilds with the compiler's analyzer report; seconds per assembly.</summary>
    public IReadOnlyDictionary<string, double> ComponentSecondsAfterEdit(string folder, int round)
    {
        SampleApplication.EditHandlerBody(folder, round);
        CommandResult build = Build(folder, "--no-restore", "-p:ReportAnalyzer=true", "-v:d");
        return DotNet.ComponentSeconds(build.Output);
    }

    /// <summary>Rebuilds with the generated files written out, and counts them.</summary>
    public GeneratedCode GeneratedCode(string folder, int round)
    {
        string output = Path.Combine(folder, "obj", "generated-files");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        SampleApplication.EditHandlerBody(folder, round);
        Build(folder, "--no-restore", "-p:EmitCompilerGeneratedFiles=true", $"-p:CompilerGeneratedFilesOutputPath={output}");
        string[] files = Directory.Exists(output)
            ? Directory.GetFiles(output, "*.cs", SearchOption.AllDirectories)
            : [];
        long lines = 0, bytes = 0, actorLines = 0;
        foreach (string file in files)
        {
            string[] content = File.ReadAllLines(file);
            lines += content.Length;
            bytes += new FileInfo(file).Length;
            if (IsActorFile(Path.GetFileName(file)))
            {
                actorLines += content.Length;
            }
        }

        long userLines = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Sum(f => (long)File.ReadAllLines(f).Length);
        return new GeneratedCode(files.Length, lines, bytes, actorLines, lines - actorLines, userLines);
    }

    /// <summary>Actor code (dispatch, factory, typed references) as opposed to message code (copiers, formatters, registries).</summary>
    private static bool IsActorFile(string name) =>
        name.EndsWith(".Actor.g.cs", StringComparison.Ordinal) || name.EndsWith(".Actors.g.cs", StringComparison.Ordinal);

    private CommandResult Build(string folder, params string[] options)
    {
        string server = $"-p:UseSharedCompilation={(_compilerServer ? "true" : "false")}";
        CommandResult build = DotNet.Run(folder, _workspace.Environment, ["build", "-c", "Release", server, .. options]);
        if (!build.Succeeded)
        {
            throw new InvalidOperationException($"dotnet build in {folder} failed:\n{build.Tail()}");
        }

        return build;
    }
}
