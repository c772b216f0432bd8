using System.Globalization;
using System.Security;
using System.Text;

namespace TypedActors.Benchmarks.Charts;

/// <summary>
/// A horizontal bar chart of one workload as plain SVG text: a block of bars per parameter combination, bar length
/// proportional to the time per operation within its block (shorter is better), each labelled with time, rate and
/// allocation. TypedActors, the peers and the raw baseline have their own colours.
/// </summary>
public static class SvgBarChart
{
    private const int Width = 860;
    private const int LabelWidth = 170;
    private const int BarAreaWidth = 400;
    private const int RowHeight = 24;
    private const int BarHeight = 16;
    private const int TitleHeight = 36;
    private const int SectionHeaderHeight = 26;
    private const int Padding = 12;

    private const string OursColour = "#2563eb";
    private const string PeerColour = "#9ca3af";
    private const string BaselineColour = "#10b981";

    public static string Write(Workload workload)
    {
        int height = TitleHeight + Padding + workload.Sections.Sum(section =>
            (section.Title.Length > 0 ? SectionHeaderHeight : 0) + section.Rows.Count * RowHeight + Padding);

        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"Segoe UI, Helvetica, Arial, sans-serif\" font-size=\"12\">"));
        svg.AppendLine(Invariant($"<rect width=\"{Width}\" height=\"{height}\" fill=\"#ffffff\"/>"));
        svg.AppendLine(Invariant($"<text x=\"{Padding}\" y=\"24\" font-size=\"16\" font-weight=\"bold\" fill=\"#111827\">{Escape(workload.Type)}: time per operation (shorter is better)</text>"));

        int y = TitleHeight + Padding;
        foreach (WorkloadSection section in workload.Sections)
        {
            if (section.Title.Length > 0)
            {
                svg.AppendLine(Invariant($"<text x=\"{Padding}\" y=\"{y + 16}\" font-weight=\"bold\" fill=\"#374151\">{Escape(section.Title)}</text>"));
                y += SectionHeaderHeight;
            }

            double longest = section.Rows.Max(row => row.MeanNanoseconds);
            foreach (BenchmarkResult row in section.Rows)
            {
                double barWidth = Math.Max(1, BarAreaWidth * row.MeanNanoseconds / longest);
                string colour = row.Method == BenchmarkResult.Ours ? OursColour : row.IsBaseline ? BaselineColour : PeerColour;
                string label = $"{Formatting.Time(row.MeanNanoseconds)} · {Formatting.Rate(row.PerSecond)} · {Formatting.Bytes(row.AllocatedBytes)}";
                int barTop = y + (RowHeight - BarHeight) / 2;
                svg.AppendLine(Invariant($"<text x=\"{LabelWidth - 8}\" y=\"{barTop + 12}\" text-anchor=\"end\" fill=\"#111827\">{Escape(row.Method)}</text>"));
                svg.AppendLine(Invariant($"<rect x=\"{LabelWidth}\" y=\"{barTop}\" width=\"{barWidth:0.#}\" height=\"{BarHeight}\" rx=\"2\" fill=\"{colour}\"/>"));
                svg.AppendLine(Invariant($"<text x=\"{LabelWidth + barWidth + 6:0.#}\" y=\"{barTop + 12}\" fill=\"#374151\">{Escape(label)}</text>"));
                y += RowHeight;
            }

            y += Padding;
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
