namespace TypedActors.Benchmarks.Charts;

/// <summary>
/// The results of one benchmark class, split into sections by parameter values (e.g. <c>InFlight=1</c>), each with
/// its rows in the order they were measured.
/// </summary>
public sealed record Workload(string Type, IReadOnlyList<WorkloadSection> Sections)
{
    public static IReadOnlyList<Workload> From(IEnumerable<BenchmarkResult> results) =>
        results
            .GroupBy(result => result.Type)
            .Select(type => new Workload(
                type.Key,
                type.GroupBy(result => result.Parameters)
                    .Select(section => new WorkloadSection(section.Key, section.ToList()))
                    .ToList()))
            .ToList();

    /// <summary>A file-name-friendly name, e.g. <c>ping-pong</c> or <c>copy-order-placed</c>.</summary>
    public string Slug
    {
        get
        {
            string name = Type.Replace("Benchmarks", "", StringComparison.Ordinal);
            var slug = new System.Text.StringBuilder();
            foreach (char c in name)
            {
                if (char.IsUpper(c) && slug.Length > 0 && slug[^1] != '-')
                {
                    slug.Append('-');
                }

                if (char.IsLetterOrDigit(c))
                {
                    slug.Append(char.ToLowerInvariant(c));
                }
                else if (slug.Length > 0 && slug[^1] != '-')
                {
                    slug.Append('-');
                }
            }

            return slug.ToString().Trim('-');
        }
    }
}

/// <summary>The rows of one parameter combination, with the two rows every other is compared with.</summary>
public sealed record WorkloadSection(string Parameters, IReadOnlyList<BenchmarkResult> Rows)
{
    public BenchmarkResult? Ours => Rows.FirstOrDefault(row => row.Method == BenchmarkResult.Ours);

    public BenchmarkResult? Baseline => Rows.FirstOrDefault(row => row.IsBaseline);

    public string Title => Parameters.Length == 0 ? "" : Parameters.Replace(", ", " · ", StringComparison.Ordinal);
}
