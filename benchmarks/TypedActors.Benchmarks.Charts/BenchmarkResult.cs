using System.Text.Json;

namespace TypedActors.Benchmarks.Charts;

/// <summary>One measured benchmark case, as read from a BenchmarkDotNet brief JSON report.</summary>
/// <param name="Type">The benchmark class, e.g. <c>PingPongBenchmarks</c> or <c>CopyBenchmarks&lt;OrderPlaced&gt;</c>.</param>
/// <param name="Method">The benchmark method: the framework or copier measured.</param>
/// <param name="Parameters">The parameter values, e.g. <c>InFlight=1</c>; empty when the class has none.</param>
/// <param name="MeanNanoseconds">Mean time per operation.</param>
/// <param name="AllocatedBytes">Bytes allocated per operation, when the memory diagnoser ran.</param>
public sealed record BenchmarkResult(string Type, string Method, string Parameters, double MeanNanoseconds, double? AllocatedBytes)
{
    /// <summary>The method every other row is compared with.</summary>
    public const string Ours = "TypedActors";

    /// <summary>Operations per second.</summary>
    public double PerSecond => 1e9 / MeanNanoseconds;

    /// <summary>
    /// The floor of a workload: a raw hand-off with no framework (<c>Raw…</c>), or the hand-written copy.
    /// </summary>
    public bool IsBaseline => Method.StartsWith("Raw", StringComparison.Ordinal) || Method == "HandWritten";
}

/// <summary>A BenchmarkDotNet brief JSON report: where it ran and what it measured.</summary>
public sealed record BenchmarkReport(string Environment, IReadOnlyList<BenchmarkResult> Results)
{
    /// <summary>Reads a <c>*-report-brief.json</c> file. Cases that failed (no statistics) are skipped.</summary>
    public static BenchmarkReport Load(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = document.RootElement;
        JsonElement host = root.GetProperty("HostEnvironmentInfo");
        string environment = string.Join(", ",
            $"BenchmarkDotNet {host.GetProperty("BenchmarkDotNetVersion").GetString()}",
            host.GetProperty("OsVersion").GetString(),
            $"{host.GetProperty("ProcessorName").GetString()} ({host.GetProperty("LogicalCoreCount").GetInt32()} logical cores)",
            host.GetProperty("RuntimeVersion").GetString());

        var results = new List<BenchmarkResult>();
        foreach (JsonElement benchmark in root.GetProperty("Benchmarks").EnumerateArray())
        {
            if (!benchmark.TryGetProperty("Statistics", out JsonElement statistics) || statistics.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            double? allocated = benchmark.TryGetProperty("Memory", out JsonElement memory) && memory.ValueKind == JsonValueKind.Object
                ? memory.GetProperty("BytesAllocatedPerOperation").GetDouble()
                : null;
            results.Add(new BenchmarkResult(
                benchmark.GetProperty("Type").GetString()!,
                benchmark.GetProperty("Method").GetString()!,
                benchmark.GetProperty("Parameters").GetString() ?? "",
                statistics.GetProperty("Mean").GetDouble(),
                allocated));
        }

        return new BenchmarkReport(environment, results);
    }
}
