using System.Linq;

namespace TypedActors.Generators.Messages;

/// <summary>
/// The C# expression that deep-copies a value of a given <see cref="TypeRef"/>. Immutable values are the expression
/// itself; collections go through the runtime's <c>CollectionCopiers</c> with a static lambda per element type.
/// </summary>
internal static class CopyExpressions
{
    public const string Namespace = "TypedActors.Generated.Messages";
    private const string Collections = "global::TypedActors.CompilerServices.CollectionCopiers";

    public static string CopierClass(string modelId) => $"global::{Namespace}.{modelId}_Copier";

    public static string FormatterClass(string modelId) => $"global::{Namespace}.{modelId}_Formatter";

    /// <param name="depth">Nesting of element lambdas, so their parameter names never clash.</param>
    public static string Copy(TypeRef type, string value, int depth = 0)
    {
        if (type.IsImmutable)
        {
            return value;
        }

        if (!type.IsCopyable)
        {
            // Only reached when a TA2005 error was reported: keep the output compiling so that error is the only one.
            return $"global::TypedActors.Copying.Copier<{type.Name}>.Copy({value})";
        }

        string parameter = "x" + depth;
        string Element(int index) => type.Arguments[index].IsImmutable
            ? "null"
            : $"static {parameter} => {Copy(type.Arguments[index], parameter, depth + 1)}";

        return type.Kind switch
        {
            ShapeKind.Object => $"{CopierClass(type.ModelId!)}.Copy({value})",
            ShapeKind.Nullable => $"{Collections}.Nullable({value}, {Element(0)})",
            ShapeKind.Array => $"{Collections}.Array({value}, {Element(0)})",
            ShapeKind.List => $"{Collections}.List({value}, {Element(0)})",
            ShapeKind.HashSet => $"{Collections}.HashSet({value}, {Element(0)})",
            ShapeKind.Dictionary => $"{Collections}.Dictionary({value}, {Element(0)}, {Element(1)})",
            ShapeKind.Sequence => $"{Collections}.Sequence({value}, {Element(0)})",
            ShapeKind.ListInterface => $"{Collections}.ListOf({value}, {Element(0)})",
            ShapeKind.DictionaryInterface => $"{Collections}.DictionaryOf({value}, {Element(0)}, {Element(1)})",
            ShapeKind.ImmutableArray => $"{Collections}.ImmutableArray({value}, {Element(0)})",
            ShapeKind.ImmutableList => $"{Collections}.ImmutableList({value}, {Element(0)})",
            ShapeKind.ImmutableHashSet => $"{Collections}.ImmutableHashSet({value}, {Element(0)})",
            ShapeKind.ImmutableDictionary => $"{Collections}.ImmutableDictionary({value}, {Element(0)}, {Element(1)})",
            ShapeKind.ValueTuple => "(" + string.Join(", ", type.Arguments.Select((a, i) => Copy(a, $"{value}.Item{i + 1}", depth))) + ")",
            ShapeKind.Tuple => $"{Collections}.Reference({value}, static {parameter} => global::System.Tuple.Create(" +
                string.Join(", ", type.Arguments.Select((a, i) => Copy(a, $"{parameter}.Item{i + 1}", depth + 1))) + "))",
            _ => value, // scalars, enums and addresses are immutable and returned above
        };
    }
}
