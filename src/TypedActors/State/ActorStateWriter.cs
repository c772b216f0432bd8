using System.Buffers;
using System.ComponentModel;
using MessagePack;

namespace TypedActors.State;

/// <summary>
/// Collects an actor's fields for a state snapshot. The generated <c>WriteState</c> override of each actor calls
/// <see cref="Field{T}"/> once per field, inside the actor's turn; each value is serialized at once, so the snapshot
/// is consistent and shares nothing with the running actor.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ActorStateWriter
{
    /// <summary>The key of the marker written in place of a value that has no wire format.</summary>
    public const string NotSerializableKey = "$notSerializable";

    private readonly MessagePackSerializerOptions _options;
    private readonly List<(string Name, byte[]? Value)> _fields = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    internal ActorStateWriter(MessagePackSerializerOptions options) => _options = options;

    /// <summary>
    /// Writes one field. A value that cannot be serialized (no formatter for its type, or a formatter that fails) is
    /// written as the marker <c>{ "$notSerializable": true }</c>, so one odd field never fails the whole snapshot. A
    /// name already written (a base class's field) gets a numeric suffix.
    /// </summary>
    public void Field<T>(string name, T value)
    {
        ArgumentNullException.ThrowIfNull(name);
        byte[]? serialized;
        try
        {
            serialized = MessagePackSerializer.Serialize(value, _options);
        }
        catch (Exception exception) when (exception is MessagePackSerializationException or MessageCopyException
            or InvalidOperationException or NotSupportedException or TypeLoadException or ArgumentException)
        {
            // The exceptions a resolver or formatter throws for a type it cannot write.
            serialized = null;
        }

        string unique = name;
        for (int suffix = 2; !_names.Add(unique); suffix++)
        {
            unique = name + "_" + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        _fields.Add((unique, serialized));
    }

    /// <summary>The snapshot: a MessagePack map from field name to value.</summary>
    internal byte[] ToMessagePack()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(_fields.Count);
        foreach ((string name, byte[]? value) in _fields)
        {
            writer.Write(name);
            if (value is null)
            {
                writer.WriteMapHeader(1);
                writer.Write(NotSerializableKey);
                writer.Write(true);
            }
            else
            {
                writer.WriteRaw(value);
            }
        }

        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
