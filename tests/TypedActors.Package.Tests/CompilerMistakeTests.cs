using System.Text.RegularExpressions;
using TypedActors.Package.Tests.Infrastructure;

namespace TypedActors.Package.Tests;

/// <summary>
/// The real command-line build (dotnet build of a fresh project referencing the packed package) of the mistakes in
/// <see cref="MistakeSources"/>. In-memory tests cannot see what this sees: the compiler runs no analyzer after a
/// declaration error (such as CS0534), so only a real build shows whether the TA errors reach the user.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed partial class CompilerMistakeTests(PackagesUnderTest packages)
{
    [Fact]
    public async Task Every_mistake_fails_the_build_with_its_own_TA_error_and_nothing_else()
    {
        var app = ConsumerProject.Create(packages, "MistakesApp", MistakeSources.Files);

        ProcessResult build = await app.BuildAsync();

        Assert.False(build.Succeeded, build.Describe());
        BuildError[] printed = [.. ErrorLine().Matches(build.Output)
            .Select(m => new BuildError(Path.GetFileName(m.Groups["file"].Value), int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["id"].Value, m.Groups["message"].Value.Trim()))];
        BuildError[] errors = [.. printed.Distinct()];
        string[] actual = [.. errors.Select(e => $"{e.File}:{e.Line} {e.Id}").Distinct().Order(StringComparer.Ordinal)];
        string[] expected = [.. Expected().Order(StringComparer.Ordinal)];
        Assert.True(expected.SequenceEqual(actual), $"Expected:{Environment.NewLine}{string.Join(Environment.NewLine, expected)}{Environment.NewLine}Actual:{Environment.NewLine}{string.Join(Environment.NewLine, actual)}{Environment.NewLine}{build.Describe()}");

        Assert.StartsWith("TA", errors[0].Id, StringComparison.Ordinal);
        Assert.Contains(errors, e => e.Message.StartsWith("'Counter' has no [Receive] handler for 'string'; it handles Increment, GetCount", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.File == "Program.cs" && e.Message.Contains("Sleeper", StringComparison.Ordinal));

        // A class that is not partial but uses Self and Spawn<itself>: TA1001 (the generator's, printed before the
        // compiler's own errors) comes first. MSBuild prints each error twice (as it happens and in its summary); the
        // analyzers report TA1001 as well, and the compiler prints one diagnostic once, so it appears as often as CS0103.
        string[] notPartial = [.. printed.Where(e => e.File == "NotPartialUsingSelf.cs").Select(e => e.Id)];
        Assert.True(notPartial.SequenceEqual(["TA1001", "CS0103", "CS0311", "TA1001", "CS0103", "CS0311"]), string.Join(", ", notPartial));
    }

    /// <summary>The <c>// error ID</c> markers of the sources, as <c>File.cs:line ID</c>.</summary>
    private static IEnumerable<string> Expected() =>
        MistakeSources.Files.SelectMany(file => file.Value.Split('\n')
            .Select((text, index) => (text, line: index + 1))
            .Select(l => (l.line, marker: ExpectedMarker().Match(l.text)))
            .Where(l => l.marker.Success)
            .Select(l => $"{file.Key}:{l.line} {l.marker.Groups["id"].Value}"));

    private sealed record BuildError(string File, int Line, string Id, string Message);

    [GeneratedRegex(@"(?<file>[^\s:]+\.cs)\((?<line>\d+),\d+\): error (?<id>[A-Z]+\d+): (?<message>[^\r\n]*?)(?: \[[^\]\r\n]*proj\])?\r?$", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"// error (?<id>[A-Z]+\d+)")]
    private static partial Regex ExpectedMarker();
}
