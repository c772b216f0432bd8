using MessagePack;
using MessagePack.Formatters;

namespace TypedActors.Copying.Serialization;

/// <summary>
/// Writes and reads messages whose type is only known at run time, for transports that carry any message (remoting):
/// a message travels as <c>["Namespace.Type", { ...members }]</c>. Every type with a generated formatter is known here
/// by its full name, registered when its formatter is; there is no reflection.
/// </summary>
internal static class WireMessages
{
    private static readonly object s_gate = new();
    private static volatile Dictionary<Type, IUntypedFormatter> s_byType = [];
    private static volatile Dictionary<string, IUntypedFormatter> s_byName = new(StringComparer.Ordinal);

    public static void Add<T>(IMessagePackFormatter<T> formatter)
    {
        Type type = typeof(T);
        if (type.IsValueType && Nullable.GetUnderlyingType(type) is not null)
        {
            return; // a boxed value is never a Nullable<T>; its underlying type is registered on its own
        }

        lock (s_gate)
        {
            if (s_byType.ContainsKey(type))
            {
                return;
            }

            var untyped = new UntypedFormatter<T>(formatter);
            s_byType = new Dictionary<Type, IUntypedFormatter>(s_byType) { [type] = untyped };
            s_byName = new Dictionary<string, IUntypedFormatter>(s_byName, StringComparer.Ordinal) { [Name(type)] = untyped };
        }
    }

    /// <summary>Serializes <paramref name="message"/> with its type name.</summary>
    /// <exception cref="MessagePackSerializationException">The message's type has no generated formatter.</exception>
    public static byte[] Serialize(object message, MessagePackSerializerOptions options)
    {
        Type type = message.GetType();
        if (!s_byType.TryGetValue(type, out IUntypedFormatter? formatter))
        {
            throw new MessagePackSerializationException(
                $"A {type.FullName} cannot be sent to an actor in another process: the type has no generated wire format.");
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(2);
        writer.Write(Name(type));
        formatter.Serialize(ref writer, message, options);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a message written by <see cref="Serialize"/>.</summary>
    /// <exception cref="MessagePackSerializationException">Malformed input, or a type this process does not know.</exception>
    public static object Deserialize(ReadOnlyMemory<byte> serialized, MessagePackSerializerOptions options)
    {
        var reader = new MessagePackReader(serialized);
        if (reader.ReadArrayHeader() != 2)
        {
            throw new MessagePackSerializationException("A wire message must be a [type, value] pair.");
        }

        string name = reader.ReadString() ?? throw new MessagePackSerializationException("A wire message has no type name.");
        if (!s_byName.TryGetValue(name, out IUntypedFormatter? formatter))
        {
            throw new MessagePackSerializationException($"The message type {name} is not known in this process.");
        }

        return formatter.Deserialize(ref reader, options)
            ?? throw new MessagePackSerializationException($"A wire message of type {name} is nil.");
    }

    private static string Name(Type type) => type.FullName ?? type.Name;

    private interface IUntypedFormatter
    {
        void Serialize(ref MessagePackWriter writer, object value, MessagePackSerializerOptions options);

        object? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options);
    }

    private sealed class UntypedFormatter<T>(IMessagePackFormatter<T> formatter) : IUntypedFormatter
    {
        public void Serialize(ref MessagePackWriter writer, object value, MessagePackSerializerOptions options) =>
            formatter.Serialize(ref writer, (T)value, options);

        public object? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
            formatter.Deserialize(ref reader, options);
    }
}
