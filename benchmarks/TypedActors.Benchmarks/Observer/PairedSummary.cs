using System.Globalization;
using System.Text;

namespace TypedActors.Benchmarks.Observer;

/// <summary>
/// The statistics of a paired comparison: iterations taken two by two, each pair holding one iteration of each case,
/// and the ratio of the two within every pair (case on ÷ case off).
/// </summary>
internal static class PairedSummary
{
    /// <summary>
    /// Describes the pairs of <paramref name="iterations"/> from <paramref name="skip"/> on (rounded up to a pair
    /// boundary, as the cases alternate from the first iteration): the geometric mean of the ratios with a 95%
    /// confidence interval (Student's t on the logarithms), their median and range, and each case's mean.
    /// </summary>
    public static string Describe(IReadOnlyList<(bool On, double NanosecondsPerMessage)> iterations, int skip, string label)
    {
        int start = Math.Max(0, skip + (skip % 2));
        var ratios = new List<double>();
        var on = new List<double>();
        var off = new List<double>();
        for (int i = start; i + 1 < iterations.Count; i += 2)
        {
            (bool On, double Time) first = iterations[i], second = iterations[i + 1];
            if (first.On == second.On)
            {
                throw new InvalidOperationException($"Iterations {i} and {i + 1} ran the same case: the pairs are misaligned.");
            }

            (double withPage, double withoutPage) = first.On ? (first.Time, second.Time) : (second.Time, first.Time);
            ratios.Add(withPage / withoutPage);
            on.Add(withPage);
            off.Add(withoutPage);
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
        text.Append(CultureInfo.InvariantCulture, $"// Paired summary ({label}, {ratios.Count} pairs): page on ÷ page off = ");
        text.Append(CultureInfo.InvariantCulture, $"{Math.Exp(mean):0.000} (95% CI {Math.Exp(mean - halfWidth):0.000}–{Math.Exp(mean + halfWidth):0.000}), ");
        text.Append(CultureInfo.InvariantCulture, $"median {median:0.000}, range {sorted[0]:0.000}–{sorted[^1]:0.000}; ");
        text.Append(CultureInfo.InvariantCulture, $"mean {on.Average():0.0} ns on, {off.Average():0.0} ns off per message");
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
}
