using System.Linq;
using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Messages;

/// <summary>
/// Writes the deep copier of one mutable object type: a static method that rebuilds the value through the constructor
/// and settable members the model chose, copying each member by its own shape.
/// </summary>
internal static class CopierEmitter
{
    private const string Registry = "global::TypedActors.CompilerServices.CopierRegistry";
    private const string Guard = "global::TypedActors.CompilerServices.CycleGuard";

    public static void Emit(IndentedWriter w, MessageTypeModel model)
    {
        string type = model.Name;
        w.Line($"/// <summary>Deep copy of <c>{Xml(model.DisplayName)}</c>.</summary>");
        w.Line(MessageFileEmitter.GeneratedCode);
        w.Open($"internal static class {model.Id}_Copier");
        if (model.Shape == ObjectShape.Struct)
        {
            w.Open($"public static {type} Copy({type} value)");
            if (model.IsRecursive)
            {
                w.Line($"{Guard}.EnterValue(typeof({type}));");
                Guarded(w, model);
            }
            else
            {
                w.Line($"return {Construction(model)};");
            }

            w.Close();
        }
        else
        {
            w.Line("[return: global::System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]");
            w.Open($"public static {type}? Copy({type}? value)");
            w.Open("if (value is null)");
            w.Line("return null;");
            w.Close();
            w.Line();
            if (model.Shape == ObjectShape.Abstract)
            {
                w.Line($"return {Registry}.CopyDerived(value);");
            }
            else
            {
                if (!model.IsSealed)
                {
                    w.Open($"if (value.GetType() != typeof({type}))");
                    w.Line($"return {Registry}.CopyDerived(value); // a derived type: its own generated copier");
                    w.Close();
                    w.Line();
                }

                if (model.IsRecursive)
                {
                    w.Line($"{Guard}.Enter(value);");
                    Guarded(w, model);
                }
                else
                {
                    w.Line($"return {Construction(model)};");
                }
            }

            w.Close();
        }

        w.Close();
    }

    private static void Guarded(IndentedWriter w, MessageTypeModel model)
    {
        w.Open("try");
        w.Line($"return {Construction(model)};");
        w.Close();
        w.Open("finally");
        w.Line($"{Guard}.Exit();");
        w.Close();
    }

    private static string Construction(MessageTypeModel model)
    {
        string arguments = string.Join(", ", model.Members.Where(m => m.ViaConstructor)
            .Select(m => CopyExpressions.Copy(m.Type, "value." + TypeNames.Escape(m.Name))));
        string[] initializers = [.. model.Members.Where(m => !m.ViaConstructor)
            .Select(m => $"{TypeNames.Escape(m.Name)} = {CopyExpressions.Copy(m.Type, "value." + TypeNames.Escape(m.Name))}")];
        string construction = $"new {model.Name}({arguments})";
        return initializers.Length == 0 ? construction : construction + " { " + string.Join(", ", initializers) + " }";
    }

    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
