using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace TypedActors.Generators.Messages;

/// <summary>How message types are named in generated code, hint names and on the wire.</summary>
internal static class TypeNames
{
    /// <summary>Fully qualified, no nullable reference annotations: one name per runtime type.</summary>
    public static readonly SymbolDisplayFormat Identity = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <summary>Fully qualified with nullable reference annotations, for declarations that must match the source.</summary>
    public static readonly SymbolDisplayFormat Declared = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Namespace-qualified without <c>global::</c>, as a user reads it.</summary>
    public static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);

    /// <summary>The name in a union envelope and a stored event (see <see cref="Shared.WireNames"/>).</summary>
    public static string Wire(INamedTypeSymbol type) => Shared.WireNames.Of(type);

    /// <summary>An identifier made from a fully qualified name, unique per type.</summary>
    public static string Id(string fullyQualifiedName)
    {
        string name = fullyQualifiedName.StartsWith("global::", System.StringComparison.Ordinal)
            ? fullyQualifiedName.Substring("global::".Length)
            : fullyQualifiedName;
        var id = new StringBuilder(name.Length + 8);
        foreach (char c in name)
        {
            id.Append(c switch
            {
                '.' or ':' => "_",
                '<' => "_Of_",
                '>' => "_",
                ',' => "_And_",
                '[' => "_Array",
                '?' => "_Nullable",
                ' ' or ']' => "",
                _ => char.IsLetterOrDigit(c) || c == '_' ? c.ToString() : "_",
            });
        }

        return id.ToString();
    }

    /// <summary>A hint name: <c>Namespace.Type.Message.g.cs</c>, restricted to characters hint names allow.</summary>
    public static string Hint(string displayName) =>
        new string(displayName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_').ToArray()) + ".Message.g.cs";

    /// <summary>Escapes a member name that is a C# keyword.</summary>
    public static string Escape(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;
}
