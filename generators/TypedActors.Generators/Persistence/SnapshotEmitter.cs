using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Persistence;

/// <summary>
/// Writes the snapshot half of a persistent actor's part: <c>WriteSnapshot</c>, a map from each persisted member's
/// name to its value by the value type's formatter, and <c>ReadSnapshot</c>, which reads every value into a local
/// first and assigns the members only once the whole map has been read, so a snapshot that fails to read changes
/// nothing. Readonly fields are written through a reference (<c>Unsafe.AsRef</c>), auto-properties without a set
/// accessor through an <c>UnsafeAccessor</c> to their backing field: no reflection either way.
/// </summary>
internal static class SnapshotEmitter
{
    private const string Contract = PersistenceEmitter.Contract;

    public static void Emit(IndentedWriter w, PersistentActorModel actor)
    {
        EmitWrite(w, actor);
        w.Line();
        EmitRead(w, actor);
        EmitAccessors(w, actor);
    }

    private static void EmitWrite(IndentedWriter w, PersistentActorModel actor)
    {
        w.Open($"void {Contract}.WriteSnapshot({PersistenceEmitter.Writer}, {PersistenceEmitter.Options})");
        w.Line($"writer.WriteMapHeader({actor.Fields.Count});");
        int i = 0;
        foreach (PersistedFieldModel field in actor.Fields)
        {
            w.Line($"writer.WriteRaw(__FieldKey{i++}.Encoded);");
            w.Line($"{PersistenceEmitter.FormatterOf(field.Type)}.Serialize(ref writer, this.{field.Member}, options);");
        }

        w.Close();
    }

    private static void EmitRead(IndentedWriter w, PersistentActorModel actor)
    {
        w.Open($"void {Contract}.ReadSnapshot({PersistenceEmitter.Reader}, {PersistenceEmitter.Options})");
        int i = 0;
        foreach (PersistedFieldModel field in actor.Fields)
        {
            w.Line($"{field.Type} value{i} = default!;");
            w.Line($"bool read{i++} = false;");
        }

        w.Line("int count = reader.ReadMapHeader();");
        w.Open("for (int i = 0; i < count; i++)");
        if (actor.Fields.IsEmpty)
        {
            w.Line("reader.Skip();");
            w.Line("reader.Skip();");
        }
        else
        {
            w.Line($"global::System.ReadOnlySpan<byte> key = {PersistenceEmitter.WireKey}.Read(ref reader);");
            i = 0;
            foreach (PersistedFieldModel field in actor.Fields)
            {
                w.Open($"{(i == 0 ? "" : "else ")}if (__FieldKey{i}.IsExactly(key))");
                if (field.RejectsNil)
                {
                    w.Line($"value{i} = {PersistenceEmitter.FormatterOf(field.Type)}.Deserialize(ref reader, options)");
                    w.Indent();
                    w.Line($"?? throw new {PersistenceEmitter.Failure}(\"'{field.Key}' of {PersistenceEmitter.Literal(actor.DisplayName)} is nil in the snapshot, but it is not nullable.\");");
                    w.Outdent();
                }
                else
                {
                    w.Line($"value{i} = {PersistenceEmitter.FormatterOf(field.Type)}.Deserialize(ref reader, options);");
                }

                w.Line($"read{i++} = true;");
                w.Close();
            }

            w.Open("else");
            w.Line("reader.Skip(); // a field this version of the class no longer has");
            w.Close();
        }

        w.Close();
        w.Line();
        i = 0;
        foreach (PersistedFieldModel field in actor.Fields)
        {
            if (i > 0)
            {
                w.Line();
            }

            w.Open($"if (read{i})");
            w.Line(field.Write switch
            {
                FieldWrite.ReadonlyField => $"global::System.Runtime.CompilerServices.Unsafe.AsRef(in this.{field.Member}) = value{i};",
                FieldWrite.BackingField => $"__Storage{i}(this) = value{i};",
                _ => $"this.{field.Member} = value{i};",
            });
            w.Close();
            i++;
        }

        w.Close();
    }

    /// <summary>Accessors to the backing fields of auto-properties that have no set accessor.</summary>
    private static void EmitAccessors(IndentedWriter w, PersistentActorModel actor)
    {
        int i = 0;
        foreach (PersistedFieldModel field in actor.Fields)
        {
            if (field.Write == FieldWrite.BackingField)
            {
                w.Line();
                w.Line($"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Field, Name = \"{field.BackingField}\")]");
                w.Line($"private static extern ref {field.Type} __Storage{i}({actor.Name}{actor.TypeParameters} actor);");
            }

            i++;
        }
    }
}
