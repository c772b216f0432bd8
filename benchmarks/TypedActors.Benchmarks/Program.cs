using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Running;
using TypedActors.Benchmarks.IdleMemory;

// Usage:
//   dotnet run -c Release --project benchmarks/TypedActors.Benchmarks -- --filter '*'               (the full suite)
//   dotnet run -c Release --project benchmarks/TypedActors.Benchmarks -- --filter '*' --job short   (a quick run)
//   dotnet run -c Release --project benchmarks/TypedActors.Benchmarks -- --idle-memory [count] [framework]
if (args.Length > 0 && args[0] == "--idle-memory")
{
    return await IdleMemoryProbe.RunAsync(args[1..]);
}

// Allocations matter as much as time for an actor runtime, so every benchmark reports them; the brief JSON export
// is what benchmarks/TypedActors.Benchmarks.Charts reads.
IConfig config = DefaultConfig.Instance
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddExporter(JsonExporter.Brief);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
