using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TypedActors.BuildBenchmark;

/// <summary>The output of one dotnet command.</summary>
internal sealed record CommandResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last lines of the output, for a failure message.</summary>
    public string Tail(int lines = 40) => string.Join('\n', Output.Split('\n').TakeLast(lines));
}

/// <summary>Runs the dotnet CLI and reads what its build output says about the compiler.</summary>
internal static partial class DotNet
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(15);

    public static CommandResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        // Console output in English with a stable layout, so the summary can be read back.
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Deadline))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish within {Deadline}.");
        }

        process.WaitForExit();
        lock (output)
        {
            return new CommandResult(process.ExitCode, output.ToString());
        }
    }

    /// <summary>
    /// The time the Csc task took, in seconds, from the task section of <c>-clp:PerformanceSummary</c>
    /// (<c>   4123 ms  Csc   1 calls</c>); null when the compiler did not run.
    /// </summary>
    public static double? CscSeconds(string output)
    {
        int tasks = output.LastIndexOf("Task Performance Summary:", StringComparison.Ordinal);
        if (tasks < 0)
        {
            return null;
        }

        Match match = CscLine().Match(output, tasks);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) / 1000 : null;
    }

    /// <summary>
    /// Seconds each generator and analyzer assembly ran, from the compiler's <c>-p:ReportAnalyzer=true</c> report
    /// (<c>   0.123    45   TypedActors.Generators, Version=...</c>), by assembly name.
    /// </summary>
    public static IReadOnlyDictionary<string, double> ComponentSeconds(string output)
    {
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Match match in ComponentLine().Matches(output))
        {
            string name = match.Groups[3].Value;
            double value = match.Groups[1].Value.StartsWith('<') ? 0 : double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            seconds[name] = seconds.TryGetValue(name, out double known) ? known + value : value;
        }

        return seconds;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
        }
    }

    [GeneratedRegex(@"^\s*(\d+)\s+ms\s+Csc\s+\d+\s+calls", RegexOptions.Multiline)]
    private static partial Regex CscLine();

    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?|<0\.001)\s+(\d+|<1)\s+([A-Za-z][\w.]*), Version=", RegexOptions.Multiline)]
    private static partial Regex ComponentLine();
}
