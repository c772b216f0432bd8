using TypedActors.Benchmarks.Charts;

// Usage (from the repository root, after a benchmark run):
//   dotnet run --project benchmarks/TypedActors.Benchmarks.Charts -- [results folder] [output folder]
// Defaults: BenchmarkDotNet.Artifacts/results and docs/benchmarks.
string resultsFolder = args.Length > 0 ? args[0] : Path.Combine("BenchmarkDotNet.Artifacts", "results");
string outputFolder = args.Length > 1 ? args[1] : Path.Combine("docs", "benchmarks");

if (!Directory.Exists(resultsFolder))
{
    Console.Error.WriteLine($"No results folder '{resultsFolder}': run the benchmarks first (see docs/benchmarks.md).");
    return 1;
}

string[] reports = Directory.GetFiles(resultsFolder, "*-report-brief.json");
if (reports.Length == 0)
{
    Console.Error.WriteLine($"'{resultsFolder}' holds no *-report-brief.json file: run the benchmarks first (see docs/benchmarks.md).");
    return 1;
}

List<BenchmarkReport> loaded = [.. reports.Order(StringComparer.Ordinal).Select(BenchmarkReport.Load)];
IReadOnlyList<Workload> workloads = Workload.From(loaded.SelectMany(report => report.Results));
Directory.CreateDirectory(outputFolder);
foreach (Workload workload in workloads)
{
    string chart = Path.Combine(outputFolder, workload.Slug + ".svg");
    File.WriteAllText(chart, SvgBarChart.Write(workload));
    Console.WriteLine($"wrote {chart}");
}

string tables = Path.Combine(outputFolder, "results.md");
File.WriteAllText(tables, MarkdownTables.Write(workloads, [.. loaded.Select(report => report.Environment).Distinct()]));
Console.WriteLine($"wrote {tables}");
return 0;
