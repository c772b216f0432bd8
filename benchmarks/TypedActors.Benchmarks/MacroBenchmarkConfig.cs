using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace TypedActors.Benchmarks;

/// <summary>
/// For benchmarks whose single invocation moves up to a million messages (a tenth of a second or more): one
/// invocation per iteration, no unrolling. Applied as a mutator so it combines with the job chosen on the command
/// line (e.g. <c>--job short</c>) instead of adding a second job.
/// </summary>
public sealed class MacroBenchmarkConfig : ManualConfig
{
    public MacroBenchmarkConfig() =>
        AddJob(Job.Default.WithInvocationCount(1).WithUnrollFactor(1).AsMutator());
}
