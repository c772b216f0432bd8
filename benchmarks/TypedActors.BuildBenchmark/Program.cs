using System.Globalization;
using TypedActors.BuildBenchmark;

// Usage (from the repository root):
//   dotnet run -c Release --project benchmarks/TypedActors.BuildBenchmark -- [--actors 500] [--rounds 5] [--no-compiler-server] [--workspace <folder>]
// Packs TypedActors from this tree, writes the same application twice (plain C#, and as TypedActors actors), builds
// both in Release, then, round after round, edits one handler body in each and rebuilds, reading the compiler's time
// (the Csc task of -clp:PerformanceSummary). Reports the median of each, their ratio, the generator's and analyzers'
// own time (-p:ReportAnalyzer=true) and the generated lines. See docs/benchmarks.md#build-cost.
int actors = 500;
int rounds = 5;
bool compilerServer = true;
string? workspaceRoot = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--actors" when i + 1 < args.Length:
            actors = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--rounds" when i + 1 < args.Length:
            rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--no-compiler-server":
            compilerServer = false;
            break;
        case "--workspace" when i + 1 < args.Length:
            workspaceRoot = args[++i];
            break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: [--actors N] [--rounds N] [--no-compiler-server] [--workspace <folder>]");
            return 2;
    }
}

if (actors < 1 || rounds < 1)
{
    Console.Error.WriteLine("--actors and --rounds must be at least 1.");
    return 2;
}

string repository = Workspace.FindRepository(Directory.GetCurrentDirectory());
Workspace workspace = Workspace.Create(
    workspaceRoot ?? Path.Combine(Path.GetTempPath(), "typedactors-build-benchmark"), repository);

Console.WriteLine($"Packing TypedActors {workspace.PackageVersion} ...");
workspace.PackRuntime();
SampleApplication.Write(workspace.Plain, actors, typed: false, packageVersion: null);
SampleApplication.Write(workspace.Typed, actors, typed: true, workspace.PackageVersion);

var measurement = new BuildMeasurement(workspace, compilerServer);
Console.WriteLine($"Building both applications once ({actors} actors, {actors * 4} message types) ...");
measurement.FirstBuild(workspace.Plain);
measurement.FirstBuild(workspace.Typed);

var plain = new List<double>();
var typed = new List<double>();
for (int round = 0; round < rounds; round++)
{
    // Alternate which goes first, so that a slow spell on a shared machine does not always fall on the same one.
    bool plainFirst = round % 2 == 0;
    foreach (bool isPlain in plainFirst ? new[] { true, false } : [false, true])
    {
        string folder = isPlain ? workspace.Plain : workspace.Typed;
        double seconds = measurement.CompilerSecondsAfterEdit(folder, round);
        (isPlain ? plain : typed).Add(seconds);
        Console.WriteLine($"  round {round + 1}: {(isPlain ? "plain" : "typed")} Csc {seconds:F2} s");
    }
}

IReadOnlyDictionary<string, double> components = measurement.ComponentSecondsAfterEdit(workspace.Typed, rounds);
GeneratedCode generated = measurement.GeneratedCode(workspace.Typed, rounds + 1);

double plainMedian = Median(plain);
double typedMedian = Median(typed);
int messageTypes = actors * 4;
Console.WriteLine();
Console.WriteLine($"Compiler: {(compilerServer ? "shared compiler server (the default)" : "a new compiler process per build")}");
Console.WriteLine($"| application | compiler time (Csc, median of {rounds}) | range | ratio |");
Console.WriteLine("|---|---:|---:|---:|");
Console.WriteLine($"| plain C# | {plainMedian:F2} s | {plain.Min():F2}–{plain.Max():F2} s | 1.00× |");
Console.WriteLine($"| TypedActors | {typedMedian:F2} s | {typed.Min():F2}–{typed.Max():F2} s | {typedMedian / plainMedian:F2}× |");
Console.WriteLine();
Console.WriteLine($"Generator and analyzers in the typed build after one edit (-p:ReportAnalyzer=true):");
foreach ((string name, double seconds) in components.Where(c => c.Key.StartsWith("TypedActors", StringComparison.Ordinal)).OrderBy(c => c.Key, StringComparer.Ordinal))
{
    Console.WriteLine($"  {name}: {seconds:F3} s");
}

Console.WriteLine();
Console.WriteLine($"Generated: {generated.Files} files, {generated.Lines:N0} lines ({generated.Bytes / 1024.0:N0} KiB) for {generated.UserLines:N0} lines of user code");
Console.WriteLine($"  actor code: {generated.ActorLines:N0} lines, {(double)generated.ActorLines / actors:F1} per actor");
Console.WriteLine($"  message code: {generated.MessageLines:N0} lines, {(double)generated.MessageLines / messageTypes:F1} per message type");
Console.WriteLine();
Console.WriteLine($"Workspace: {workspace.Root}");
return 0;

static double Median(List<double> values)
{
    double[] sorted = [.. values.Order()];
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
