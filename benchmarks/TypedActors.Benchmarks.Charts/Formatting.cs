using System.Globalization;

namespace TypedActors.Benchmarks.Charts;

/// <summary>Human-readable numbers, always in the invariant culture.</summary>
public static class Formatting
{
    public static string Time(double nanoseconds) => nanoseconds switch
    {
        >= 1e9 => Format(nanoseconds / 1e9, "s"),
        >= 1e6 => Format(nanoseconds / 1e6, "ms"),
        >= 1e3 => Format(nanoseconds / 1e3, "µs"),
        _ => Format(nanoseconds, "ns"),
    };

    public static string Rate(double perSecond) => perSecond switch
    {
        >= 1e9 => Format(perSecond / 1e9, "G/s"),
        >= 1e6 => Format(perSecond / 1e6, "M/s"),
        >= 1e3 => Format(perSecond / 1e3, "k/s"),
        _ => Format(perSecond, "/s"),
    };

    public static string Bytes(double? bytes) =>
        bytes is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value:N0} B") : "n/a";

    public static string Ratio(double ratio) => string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}×");

    /// <summary>Three significant digits, e.g. 1.23, 12.3, 123.</summary>
    private static string Format(double value, string unit)
    {
        string format = value >= 100 ? "0" : value >= 10 ? "0.0" : "0.00";
        return value.ToString(format, CultureInfo.InvariantCulture) + " " + unit;
    }
}
