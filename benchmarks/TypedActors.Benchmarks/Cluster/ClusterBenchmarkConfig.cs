using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace TypedActors.Benchmarks.Cluster;

/// <summary>
/// Cluster benchmarks run with the server garbage collector, as Orleans silos are meant to (a silo logs a warning
/// without it). Both the plain grain calls and the TypedActors asks run under it. Applied as a mutator so it combines
/// with the job chosen on the command line instead of adding a second job.
/// </summary>
public sealed class ClusterBenchmarkConfig : ManualConfig
{
    public ClusterBenchmarkConfig() =>
        AddJob(Job.Default.WithGcServer(true).AsMutator());
}
