using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Messages;

/// <summary>
/// Writes what a formatter needs beyond a map of members: the union envelope <c>[wireName, map]</c> of a type with
/// known derived types (or of an interface or abstract class, which has only derived instances), and the check that
/// rejects an unknown derived instance of a type that is not sealed.
/// </summary>
internal static class UnionFormatterEmitter
{
    private const string MessagePack = FormatterEmitter.MessagePack;
    private const string Writer = FormatterEmitter.Writer;
    private const string Reader = FormatterEmitter.Reader;
    private const string Options = FormatterEmitter.Options;
    private const string Failure = "global::MessagePack.MessagePackSerializationException";
    private const string WireKey = "global::TypedActors.CompilerServices.WireKey";

    /// <summary>Type names, encoded once: writing copies their bytes, reading compares bytes.</summary>
    public static void EmitNames(IndentedWriter w, MessageTypeModel model)
    {
        if (!model.UsesUnion)
        {
            return;
        }

        int i = 0;
        foreach (DerivedTypeModel d in model.Derived)
        {
            w.Line($"private static readonly {WireKey} DerivedName{i++} = new({FormatterEmitter.Quoted(d.WireName)});");
        }

        if (model.Shape != ObjectShape.Abstract)
        {
            w.Line($"private static readonly {WireKey} OwnName = new({FormatterEmitter.Quoted(model.WireName)});");
        }

        w.Line();
    }

    public static void EmitSerialize(IndentedWriter w, MessageTypeModel model, bool isOverride)
    {
        w.Open($"public {(isOverride ? "override " : "")}void Serialize({Writer}, {model.Name}? value, {Options})");
        w.Open("if (value is null)");
        w.Line("writer.WriteNil();");
        w.Line("return;");
        w.Close();
        w.Line();
        if (model.UsesUnion)
        {
            EmitUnionCases(w, model);
        }

        string unknownType = $"throw new {Failure}($\"{{value.GetType().FullName}} is not a known {model.DisplayName} type: no generated formatter knows it.\");";
        if (model.Shape == ObjectShape.Abstract)
        {
            w.Line(unknownType);
        }
        else
        {
            if (!model.IsSealed)
            {
                w.Open($"if (value.GetType() != typeof({model.Name}))");
                w.Line(unknownType);
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
                ? $"{CopyExpressions.FormatterClass(d.ModelId)}.Instance.WriteBody(ref writer, derived{i}, options);"
                : $"{MessagePack}.FormatterResolverExtensions.GetFormatterWithVerify<{d.Name}>(options.Resolver).Serialize(ref writer, derived{i}, options);");
            w.Line("return;");
            w.Outdent();
        }

        w.Close();
        w.Line();
    }

    public static void EmitDeserialize(IndentedWriter w, MessageTypeModel model, bool isOverride)
    {
        w.Open($"public {(isOverride ? "override " : "")}{model.Name}? Deserialize({Reader}, {Options})");
        w.Open("if (reader.TryReadNil())");
        w.Line("return null;");
        w.Close();
        w.Line();
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
                ? $"return {CopyExpressions.FormatterClass(d.ModelId)}.Instance.ReadBody(ref reader, options);"
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
}
