using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TypedActors.Analyzers.WireContracts;

/// <summary>
/// One wire contract file, <c>WireContracts.Shipped.txt</c> or <c>WireContracts.Unshipped.txt</c>. Its format, one fact
/// per line so that a change is a one-line diff:
/// <code>
/// # a comment; blank lines are ignored
/// Shop.Deposited
/// Shop.Deposited.Amount: decimal
/// Shop.Deposited.Note: string?
/// </code>
/// A line without ": " lists a type by its wire name; a line <c>TypeWireName.MemberWireName: Type</c> lists a member
/// (a member's wire name has no dot, so the last dot before ": " separates the two). Lines are sorted ordinally.
/// </summary>
internal sealed class WireContractFile
{
    public const string ShippedName = "WireContracts.Shipped.txt";
    public const string UnshippedName = "WireContracts.Unshipped.txt";
    public const string MemberSeparator = ": ";

    private WireContractFile(string path, bool isShipped, IReadOnlyList<WireContractLine> lines)
    {
        Path = path;
        IsShipped = isShipped;
        Lines = lines;
    }

    public string Path { get; }

    public bool IsShipped { get; }

    public IReadOnlyList<WireContractLine> Lines { get; }

    /// <summary>True when <paramref name="path"/> names a wire contract file.</summary>
    public static bool IsContractFile(string path, out bool isShipped)
    {
        string name = System.IO.Path.GetFileName(path);
        isShipped = string.Equals(name, ShippedName, StringComparison.OrdinalIgnoreCase);
        return isShipped || string.Equals(name, UnshippedName, StringComparison.OrdinalIgnoreCase);
    }

    public static WireContractFile Read(string path, bool isShipped, SourceText text)
    {
        var lines = new List<WireContractLine>();
        foreach (TextLine line in text.Lines)
        {
            string content = line.ToString().Trim();
            if (content.Length > 0 && content[0] != '#')
            {
                lines.Add(WireContractLine.Parse(content, Location.Create(path, line.Span, text.Lines.GetLinePositionSpan(line.Span))));
            }
        }

        return new WireContractFile(path, isShipped, lines);
    }

    /// <summary>
    /// The text of an Unshipped file after adding <paramref name="added"/>: lines with the same key are replaced, the
    /// comments at the top are kept, and the listed lines are sorted ordinally.
    /// </summary>
    public static string Merge(string existing, IEnumerable<string> added)
    {
        string[] existingLines = existing.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        string[] header = [.. existingLines.TakeWhile(l => l.TrimStart().StartsWith("#", StringComparison.Ordinal))];
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in existingLines.Skip(header.Length).Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] != '#'))
        {
            entries[WireContractLine.Parse(line, Location.None).Key] = line;
        }

        foreach (string line in added)
        {
            entries[WireContractLine.Parse(line, Location.None).Key] = line;
        }

        return string.Join("\n", header.Concat(entries.Values)) + "\n";
    }
}

/// <summary>One listed type or member.</summary>
/// <param name="Key">The type's wire name, or <c>Type.Member</c> for a member.</param>
/// <param name="TypeName">The type's wire name.</param>
/// <param name="MemberName">For a member line: the member's wire name.</param>
/// <param name="MemberType">For a member line: its type as the contract writes it.</param>
internal sealed record WireContractLine(string Text, string Key, string TypeName, string? MemberName, string? MemberType, Location Location)
{
    public static WireContractLine Parse(string text, Location location)
    {
        int separator = text.IndexOf(WireContractFile.MemberSeparator, StringComparison.Ordinal);
        if (separator < 0)
        {
            return new WireContractLine(text, text, text, null, null, location);
        }

        string key = text.Substring(0, separator).Trim();
        int dot = key.LastIndexOf('.');
        return new WireContractLine(
            text,
            key,
            dot < 0 ? "" : key.Substring(0, dot),
            dot < 0 ? key : key.Substring(dot + 1),
            text.Substring(separator + WireContractFile.MemberSeparator.Length).Trim(),
            location);
    }

    public static string TypeLine(string typeName) => typeName;

    public static string MemberLine(string typeName, string memberName, string memberType) =>
        typeName + "." + memberName + WireContractFile.MemberSeparator + memberType;
}
