using System.Linq;
using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Messages;

/// <summary>
/// Writes the MessagePack formatter of one object type. A value is a map keyed by member wire names (C# names unless
/// <c>[WireName]</c> says otherwise); reading skips unknown keys, leaves missing members at their default and matches
/// keys case-insensitively (so camelCase JSON converted to MessagePack reads back). A type with known derived types travels in a union envelope
/// <c>[wireName, map]</c>.
/// </summary>
internal static class FormatterEmitter
{
    private const string MessagePack = "global::MessagePack";
    private const string Writer = "ref global::MessagePack.MessagePackWriter writer";
    private const string Reader = "ref global::MessagePack.MessagePackReader reader";
    private const string Options = "global::MessagePack.MessagePackSerializerOptions options";
    private const string Failure = "global::MessagePack.MessagePackSerializationException";
    private const string WireKey = "global::TypedActors.CompilerServices.WireKey";

    public static void Emit(IndentedWriter w, MessageTypeModel model)
    {
        bool isStruct = model.Shape == ObjectShape.Struct;
        string type = model.Name;
        string nullable = isStruct ? type : type + "?";
        w.Line($"/// <summary>MessagePack formatter of <c>{CopierEmitter.Xml(model.DisplayName)}</c>.</summary>");
        w.Line(MessageFileEmitter.GeneratedCode);
        w.Open($"internal sealed class {model.Id}_Formatter : {MessagePack}.Formatters.IMessagePackFormatter<{nullable}>");
        w.Line($"public static readonly {model.Id}_Formatter Instance = new();");
        w.Line();
        EmitKeys(w, model);
        EmitSerialize(w, model, nullable);
        w.Line();
        EmitDeserialize(w, model, nullable);
        if (model.Shape != ObjectShape.Abstract)
        {
            w.Line();
            EmitWriteBody(w, model);
            w.Line();
            EmitReadBody(w, model);
        }

        w.Close();
    }

    /// <summary>Member keys and type names, encoded once: writing copies their bytes, reading compares bytes.</summary>
    private static void EmitKeys(IndentedWriter w, MessageTypeModel model)
    {
        bool any = false;
        if (model.UsesUnion)
        {
            int i = 0;
            foreach (DerivedTypeModel d in model.Derived)
            {
                w.Line($"private static readonly {WireKey} DerivedName{i++} = new(\"{d.WireName}\");");
                any = true;
            }

            if (model.Shape != ObjectShape.Abstract)
            {
                w.Line($"private static readonly {WireKey} OwnName = new(\"{model.WireName}\");");
                any = true;
            }
        }

        if (model.Shape != ObjectShape.Abstract)
        {
            int i = 0;
            foreach (MemberModel member in model.Members)
            {
                w.Line($"private static readonly {WireKey} Key{i++} = new(\"{member.WireName}\");");
                any = true;
            }
        }

        if (any)
        {
            w.Line();
        }
    }

    private static void EmitSerialize(IndentedWriter w, MessageTypeModel model, string nullable)
    {
        w.Open($"public void Serialize({Writer}, {nullable} value, {Options})");
        if (model.Shape != ObjectShape.Struct)
        {
            w.Open("if (value is null)");
            w.Line("writer.WriteNil();");
            w.Line("return;");
            w.Close();
            w.Line();
        }

        if (model.UsesUnion)
        {
            EmitUnionCases(w, model);
        }

        if (model.Shape == ObjectShape.Abstract)
        {
            w.Line($"throw new {Failure}($\"{{value.GetType().FullName}} is not a known {model.DisplayName} type: no generated formatter knows it.\");");
        }
        else
        {
            if (!model.IsSealed)
            {
                w.Open($"if (value.GetType() != typeof({model.Name}))");
                w.Line($"throw new {Failure}($\"{{value.GetType().FullName}} is not a known {model.DisplayName} type: no generated formatter knows it.\");");
                w.Close();
                w.Line();
            }

            if (model.UsesUnion)
            {
                w.Line("writer.WriteArrayHeader(2);");
                w.Line("writer.WriteRaw(OwnName.Encoded);");
            }

            w.Line("WriteBody(ref writer, value, options);");
        }

        w.Close();
    }

    private static void EmitUnionCases(IndentedWriter w, MessageTypeModel model)
    {
        DerivedTypeModel[] derived = [.. model.Derived];
        if (derived.Length == 0)
        {
            return;
        }

        w.Open("switch (value)");
        for (int i = 0; i < derived.Length; i++)
        {
            DerivedTypeModel d = derived[i];
            w.Line($"case {d.Name} derived{i}:");
            w.Indent();
            w.Line("writer.WriteArrayHeader(2);");
            w.Line($"writer.WriteRaw(DerivedName{i}.Encoded);");
            w.Line(d.HasGeneratedFormatter
                ? $"{CopyExpressions.FormatterClass(d.ModelId)}.WriteBody(ref writer, derived{i}, options);"
                : $"{MessagePack}.FormatterResolverExtensions.GetFormatterWithVerify<{d.Name}>(options.Resolver).Serialize(ref writer, derived{i}, options);");
            w.Line("return;");
            w.Outdent();
        }

        w.Close();
        w.Line();
    }

    private static void EmitDeserialize(IndentedWriter w, MessageTypeModel model, string nullable)
    {
        w.Open($"public {nullable} Deserialize({Reader}, {Options})");
        w.Open("if (reader.TryReadNil())");
        w.Line(model.Shape == ObjectShape.Struct ? "return default;" : "return null;");
        w.Close();
        w.Line();
        if (!model.UsesUnion)
        {
            w.Line("return ReadBody(ref reader, options);");
            w.Close();
            return;
        }

        w.Open("if (reader.ReadArrayHeader() != 2)");
        w.Line($"throw new {Failure}(\"A {model.DisplayName} must be written as [type name, value].\");");
        w.Close();
        w.Line();
        w.Line($"global::System.ReadOnlySpan<byte> wireName = {WireKey}.Read(ref reader);");
        int index = 0;
        foreach (DerivedTypeModel d in model.Derived)
        {
            w.Open($"if (DerivedName{index++}.IsExactly(wireName))");
            w.Line(d.HasGeneratedFormatter
                ? $"return {CopyExpressions.FormatterClass(d.ModelId)}.ReadBody(ref reader, options);"
                : $"return {MessagePack}.FormatterResolverExtensions.GetFormatterWithVerify<{d.Name}>(options.Resolver).Deserialize(ref reader, options);");
            w.Close();
            w.Line();
        }

        if (model.Shape != ObjectShape.Abstract)
        {
            w.Open("if (OwnName.IsExactly(wireName))");
            w.Line("return ReadBody(ref reader, options);");
            w.Close();
            w.Line();
        }

        w.Line($"throw new {Failure}($\"'{{({WireKey}.Text(wireName))}}' is not a known {model.DisplayName} type.\");");
        w.Close();
    }

    private static void EmitWriteBody(IndentedWriter w, MessageTypeModel model)
    {
        w.Open($"public static void WriteBody({Writer}, {model.Name} value, {Options})");
        bool guarded = model.IsRecursive;
        if (guarded)
        {
            w.Line(model.Shape == ObjectShape.Struct
                ? $"global::TypedActors.CompilerServices.CycleGuard.EnterValue(typeof({model.Name}));"
                : "global::TypedActors.CompilerServices.CycleGuard.Enter(value);");
            w.Open("try");
        }

        w.Line($"writer.WriteMapHeader({model.Members.Count});");
        int key = 0;
        foreach (MemberModel member in model.Members)
        {
            w.Line($"writer.WriteRaw(Key{key++}.Encoded);");
            w.Line($"{Resolve(member)}.Serialize(ref writer, value.{TypeNames.Escape(member.Name)}, options);");
        }

        if (guarded)
        {
            w.Close();
            w.Open("finally");
            w.Line("global::TypedActors.CompilerServices.CycleGuard.Exit();");
            w.Close();
        }

        w.Close();
    }

    private static void EmitReadBody(IndentedWriter w, MessageTypeModel model)
    {
        MemberModel[] members = [.. model.Members];
        w.Open($"public static {model.Name} ReadBody({Reader}, {Options})");
        bool tracksMember = members.Length > 0;
        w.Line("options.Security.DepthStep(ref reader);");
        if (tracksMember)
        {
            w.Line("string? reading = null; // the member being read, named in a failure");
        }

        w.Open("try");
        for (int i = 0; i < members.Length; i++)
        {
            w.Line($"{members[i].DeclaredType} member{i} = default!;");
        }

        w.Line("int count = reader.ReadMapHeader();");
        w.Open("for (int i = 0; i < count; i++)");
        if (tracksMember)
        {
            w.Line("reading = null;");
        }

        w.Line($"global::System.ReadOnlySpan<byte> key = {WireKey}.Read(ref reader);");
        for (int i = 0; i < members.Length; i++)
        {
            w.Open($"{(i == 0 ? "if" : "else if")} (Key{i}.Matches(key))");
            w.Line($"reading = \"{members[i].Name}\";");
            w.Line($"member{i} = {Resolve(members[i])}.Deserialize(ref reader, options);");
            w.Close();
        }

        w.Open(members.Length == 0 ? "if (options is global::TypedActors.Copying.Serialization.ActorMessagePackOptions { RejectUnknownMembers: true })" : "else if (options is global::TypedActors.Copying.Serialization.ActorMessagePackOptions { RejectUnknownMembers: true })");
        w.Line($"throw global::TypedActors.Copying.Serialization.MessageMemberException.Unknown({WireKey}.Text(key));");
        w.Close();
        w.Open("else");
        w.Line("reader.Skip(); // written by a newer version of the type");
        w.Close();

        w.Close();
        w.Line();
        string arguments = string.Join(", ", members.Select((m, i) => (m, i)).Where(x => x.m.ViaConstructor).Select(x => "member" + x.i));
        string[] initializers = [.. members.Select((m, i) => (m, i)).Where(x => !x.m.ViaConstructor)
            .Select(x => $"{TypeNames.Escape(x.m.Name)} = member{x.i}")];
        w.Line(initializers.Length == 0
            ? $"return new {model.Name}({arguments});"
            : $"return new {model.Name}({arguments}) {{ {string.Join(", ", initializers)} }};");
        w.Close();
        if (tracksMember)
        {
            w.Open("catch (global::System.Exception exception) when (reading is not null)");
            w.Line("throw global::TypedActors.Copying.Serialization.MessageMemberException.Wrap(reading, exception);");
            w.Close();
        }

        w.Open("finally");
        w.Line("reader.Depth--;");
        w.Close();
        w.Close();
    }

    private static string Resolve(MemberModel member) =>
        $"{MessagePack}.FormatterResolverExtensions.GetFormatterWithVerify<{member.DeclaredType}>(options.Resolver)";
}
