using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace TypedActors.Benchmarks.Shared;

/// <summary>
/// A paired comparison of two cases, A and B, inside one benchmark process: BenchmarkDotNet runs the iterations, the
/// benchmark switches case before each one in the order B, A, A, B, B, A, A, B, ..., so that every aligned pair of
/// neighbouring iterations holds one of each (and which comes first alternates), and times each iteration itself. At
/// the end it describes the ratio A ÷ B of every pair. Two processes differ in speed by more than the few percent such
/// a comparison is meant to resolve (thread placement, code and data layout); two neighbouring iterations of one process
/// share all of that.
/// </summary>
public sealed class PairedIterations(string caseA, string caseB)
{
    private readonly List<(bool IsA, double NanosecondsPerOperation)> _iterations = [];
    private readonly Stopwatch _clock = new();

    /// <summary>Whether the next iteration runs case A.</summary>
    public bool NextIsA => (_iterations.Count % 4) is 1 or 2;

    /// <summary>Starts timing an iteration of the case <see cref="NextIsA"/> names (call last in the iteration setup).</summary>
    public void Begin() => _clock.Restart();

    /// <summary>Stops timing the iteration (call first in the iteration cleanup).</summary>
    public void End(int operations)
    {
        _clock.Stop();
        _iterations.Add((NextIsA, _clock.Elapsed.TotalNanoseconds / operations));
    }

    /// <summary>
    /// Describes the last <paramref name="pairs"/> pairs (BenchmarkDotNet's measured iterations; the warm-up ones come
    /// first): the geometric mean of the ratios with a 95% confidence interval (Student's t on their logarithms), their
    /// median and range, and each case's mean time per operation.
    /// </summary>
    public string Describe(int pairs, string label)
    {
        int skip = Math.Max(0, _iterations.Count - (2 * pairs));
        int start = skip + (skip % 2); // pairs are aligned to the schedule, which starts with the first iteration
        var ratios = new List<double>();
        var timesA = new List<double>();
        var timesB = new List<double>();
        for (int i = start; i + 1 < _iterations.Count; i += 2)
        {
            (bool IsA, double Time) first = _iterations[i], second = _iterations[i + 1];
            if (first.IsA == second.IsA)
            {
                throw new InvalidOperationException($"Iterations {i} and {i + 1} ran the same case: the pairs are misaligned.");
            }

            (double a, double b) = first.IsA ? (first.Time, second.Time) : (second.Time, first.Time);
            ratios.Add(a / b);
            timesA.Add(a);
            timesB.Add(b);
        }

        if (ratios.Count < 2)
        {
            return $"// Paired summary ({label}): fewer than two pairs were measured.";
        }

        double[] logs = ratios.Select(ratio => Math.Log(ratio)).ToArray();
        double mean = logs.Average();
        double deviation = Math.Sqrt(logs.Sum(l => (l - mean) * (l - mean)) / (logs.Length - 1));
        double halfWidth = StudentT975(logs.Length - 1) * deviation / Math.Sqrt(logs.Length);
        double[] sorted = [.. ratios.Order()];
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"// Paired summary ({label}, {ratios.Count} pairs): {caseA} ÷ {caseB} = ");
        text.Append(CultureInfo.InvariantCulture, $"{Math.Exp(mean):0.000} (95% CI {Math.Exp(mean - halfWidth):0.000}–{Math.Exp(mean + halfWidth):0.000}), ");
        text.Append(CultureInfo.InvariantCulture, $"median {median:0.000}, range {sorted[0]:0.000}–{sorted[^1]:0.000}; ");
        text.Append(CultureInfo.InvariantCulture, $"mean {timesA.Average():0.0} ns {caseA}, {timesB.Average():0.0} ns {caseB} per operation");
        return text.ToString();
    }

    /// <summary>
    /// The two-sided 95% quantile of Student's t distribution, from a table; between table rows the value of the row
    /// below is taken, which is larger, so the interval is never narrower than it should be.
    /// </summary>
    private static double StudentT975(int degreesOfFreedom) => degreesOfFreedom switch
    {
        1 => 12.706,
        2 => 4.303,
        3 => 3.182,
        4 => 2.776,
        5 => 2.571,
        <= 10 => 2.447,
        <= 20 => 2.201,
        <= 30 => 2.080,
        <= 40 => 2.040,
        <= 60 => 2.020,
        <= 120 => 2.000,
        _ => 1.980,
    };

    /// <summary>The job of a paired benchmark: one process, a few warm-up iterations, then the pairs.</summary>
    public static Job Job(int pairs) =>
        BenchmarkDotNet.Jobs.Job.Default
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithLaunchCount(1)
            .WithWarmupCount(4)
            .WithIterationCount(2 * pairs);
}

/// <summary>Runs a paired benchmark with <see cref="PairedIterations.Job"/>.</summary>
public abstract class PairedConfig : ManualConfig
{
    protected PairedConfig(int pairs) => AddJob(PairedIterations.Job(pairs));
}
