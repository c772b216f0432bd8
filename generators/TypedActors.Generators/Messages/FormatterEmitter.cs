using System.Linq;
using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Messages;

/// <summary>
/// Writes the MessagePack formatter of one object type. A value is a map keyed by member wire names (C# names unless
/// <c>[WireName]</c> says otherwise); reading skips unknown keys, leaves missing members at their default and matches
/// keys case-insensitively (so camelCase JSON converted to MessagePack reads back). A type with known derived types
/// travels in a union envelope <c>[wireName, map]</c>.
/// </summary>
/// <remarks>
/// What is the same for every type (nil, the map header, keys, matching and skipping keys, depth, naming the member
/// in a failure) lives in the runtime's <c>ClassFormatter&lt;T&gt;</c>/<c>StructFormatter&lt;T&gt;</c>; the generated
/// class keeps only what must be typed: one <c>Write</c> per member, and a switch that reads each member into a typed
/// local before the constructor is called. Short bodies with few overloads to resolve cost the compiler little.
/// </remarks>
internal static class FormatterEmitter
{
    internal const string MessagePack = "global::MessagePack";
    internal const string Writer = "ref global::MessagePack.MessagePackWriter writer";
    internal const string Reader = "ref global::MessagePack.MessagePackReader reader";
    internal const string Options = "global::MessagePack.MessagePackSerializerOptions options";
    internal const string CompilerServices = "global::TypedActors.CompilerServices";

    public static void Emit(IndentedWriter w, MessageTypeModel model)
    {
        string type = model.Name;
        w.Line($"/// <summary>MessagePack formatter of <c>{CopierEmitter.Xml(model.DisplayName)}</c>.</summary>");
        w.Line(MessageFileEmitter.GeneratedCode);
        if (model.Shape == ObjectShape.Abstract)
        {
            // Only derived instances exist: the envelope names which one, its formatter writes the body.
            w.Open($"internal sealed class {model.Id}_Formatter : {MessagePack}.Formatters.IMessagePackFormatter<{type}?>");
            w.Line($"public static readonly {model.Id}_Formatter Instance = new();");
            w.Line();
            UnionFormatterEmitter.EmitNames(w, model);
            UnionFormatterEmitter.EmitSerialize(w, model, isOverride: false);
            w.Line();
            UnionFormatterEmitter.EmitDeserialize(w, model, isOverride: false);
            w.Close();
            return;
        }

        string baseClass = model.Shape == ObjectShape.Struct ? "StructFormatter" : "ClassFormatter";
        w.Open($"internal sealed class {model.Id}_Formatter : {CompilerServices}.{baseClass}<{type}>");
        w.Line($"public static readonly {model.Id}_Formatter Instance = new();");
        w.Line();
        UnionFormatterEmitter.EmitNames(w, model);
        EmitConstructor(w, model);
        if (model.UsesUnion)
        {
            w.Line();
            UnionFormatterEmitter.EmitSerialize(w, model, isOverride: true);
            w.Line();
            UnionFormatterEmitter.EmitDeserialize(w, model, isOverride: true);
        }
        else if (!model.IsSealed)
        {
            w.Line();
            UnionFormatterEmitter.EmitSerialize(w, model, isOverride: true);
        }

        w.Line();
        EmitWriteBody(w, model);
        w.Line();
        EmitReadBody(w, model);
        w.Close();
    }

    /// <summary>The members, by C# name, in the order of the indexes the bodies use; wire names only where they differ.</summary>
    private static void EmitConstructor(IndentedWriter w, MessageTypeModel model)
    {
        MemberModel[] members = [.. model.Members];
        string names = string.Join(", ", members.Select(m => Quoted(m.Name)));
        w.Line($"private {model.Id}_Formatter()");
        w.Indent();
        w.Line(members.All(m => m.Name == m.WireName)
            ? $": base({names})"
            : $": base(new[] {{ {names} }}, new[] {{ {string.Join(", ", members.Select(m => Quoted(m.WireName)))} }})");
        w.Outdent();
        w.Line("{");
        w.Line("}");
    }

    private static void EmitWriteBody(IndentedWriter w, MessageTypeModel model)
    {
        w.Open($"public override void WriteBody({Writer}, {model.Name} value, {Options})");
        bool guarded = model.IsRecursive;
        if (guarded)
        {
            w.Line(model.Shape == ObjectShape.Struct
                ? $"{CompilerServices}.CycleGuard.EnterValue(typeof({model.Name}));"
                : $"{CompilerServices}.CycleGuard.Enter(value);");
            w.Open("try");
        }

        w.Line("WriteHeader(ref writer);");
        int index = 0;
        foreach (MemberModel member in model.Members)
        {
            w.Line($"Write(ref writer, {index++}, value.{TypeNames.Escape(member.Name)}, options);");
        }

        if (guarded)
        {
            w.Close();
            w.Open("finally");
            w.Line($"{CompilerServices}.CycleGuard.Exit();");
            w.Close();
        }

        w.Close();
    }

    private static void EmitReadBody(IndentedWriter w, MessageTypeModel model)
    {
        MemberModel[] members = [.. model.Members];
        w.Open($"public override {model.Name} ReadBody({Reader}, {Options})");
        for (int i = 0; i < members.Length; i++)
        {
            w.Line($"{members[i].DeclaredType} member{i} = default!;");
        }

        w.Line("var map = ReadMap(ref reader, options);");
        w.Open("while (map.Next(ref reader))");
        if (members.Length == 0)
        {
            w.Line("// no members: Next skips every key");
        }
        else
        {
            w.Open("switch (map.Member)");
            for (int i = 0; i < members.Length; i++)
            {
                w.Line($"case {i}: member{i} = map.Read<{members[i].DeclaredType}>(ref reader); break;");
            }

            w.Close();
        }

        w.Close();
        w.Line();
        string arguments = string.Join(", ", members.Select((m, i) => (m, i)).Where(x => x.m.ViaConstructor).Select(x => "member" + x.i));
        string[] initializers = [.. members.Select((m, i) => (m, i)).Where(x => !x.m.ViaConstructor)
            .Select(x => $"{TypeNames.Escape(x.m.Name)} = member{x.i}")];
        w.Line(initializers.Length == 0
            ? $"return new {model.Name}({arguments});"
            : $"return new {model.Name}({arguments}) {{ {string.Join(", ", initializers)} }};");
        w.Close();
    }

    public static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
