using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace TypedActors.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated files with committed snapshots in Snapshots/&lt;test&gt;/&lt;hint name&gt;.verified.cs.
/// The set of generated files must equal the set of snapshot files, and each file must match line by line; a mismatch
/// fails with a unified line diff. Set UPDATE_SNAPSHOTS=1 to rewrite the snapshots from the current output; that fails
/// under CI=true, where snapshots are checked, never written. A run that generated nothing, or a snapshot folder that
/// does not exist, fails too: an empty comparison proves nothing.
/// </summary>
internal static class Snapshot
{
    private const string Suffix = ".verified.cs";

    public static void Verify(string testName, IReadOnlyDictionary<string, string> generatedFiles)
    {
        string directory = Path.Combine(RepositoryRoot.Directory.FullName, "tests", "TypedActors.Generators.Tests", "Snapshots", testName);
        Assert.True(generatedFiles.Count > 0, $"The generator produced no file for {testName}: there is nothing to compare with a snapshot.");
        bool update = Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1";
        if (update)
        {
            Assert.False(
                string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                "UPDATE_SNAPSHOTS=1 under CI=true: snapshots are accepted by a developer and committed, never rewritten by CI.");
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.CreateDirectory(directory);
            foreach ((string hintName, string text) in generatedFiles)
            {
                File.WriteAllText(Path.Combine(directory, SnapshotName(hintName)), Normalize(text));
            }

            return;
        }

        Assert.True(Directory.Exists(directory), $"No snapshots for {testName} in {directory}. Run with UPDATE_SNAPSHOTS=1 to create them.");
        string[] expectedNames = [.. Directory.GetFiles(directory, "*" + Suffix).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        string[] actualNames = [.. generatedFiles.Keys.Select(SnapshotName).Order(StringComparer.Ordinal)];
        Assert.True(
            expectedNames.SequenceEqual(actualNames),
            $"Generated files differ from snapshots in {testName}.\nExpected: {string.Join(", ", expectedNames)}\nActual:   {string.Join(", ", actualNames)}\nRun with UPDATE_SNAPSHOTS=1 to accept.");

        var failures = new StringBuilder();
        foreach ((string hintName, string text) in generatedFiles)
        {
            string expected = File.ReadAllText(Path.Combine(directory, SnapshotName(hintName)));
            string actual = Normalize(text);
            if (expected != actual)
            {
                failures.AppendLine($"--- {SnapshotName(hintName)} (snapshot)").AppendLine($"+++ {hintName} (generated)");
                failures.AppendLine(Diff(expected, actual));
            }
        }

        Assert.True(failures.Length == 0, $"Generated code differs from snapshots (UPDATE_SNAPSHOTS=1 to accept):\n{failures}");
    }

    private static string SnapshotName(string hintName) =>
        (hintName.EndsWith(".cs", StringComparison.Ordinal) ? hintName[..^3] : hintName) + Suffix;

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');

    private static string Diff(string expected, string actual)
    {
        DiffPaneModel diff = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var text = new StringBuilder();
        foreach (DiffPiece line in diff.Lines)
        {
            string prefix = line.Type switch
            {
                ChangeType.Inserted => "+ ",
                ChangeType.Deleted => "- ",
                _ => "  ",
            };
            if (line.Type != ChangeType.Unchanged)
            {
                text.Append(prefix).Append(line.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(4) ?? "    ").Append(": ").AppendLine(line.Text);
            }
        }

        return text.ToString();
    }
}
