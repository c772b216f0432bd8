using System.Buffers;
using System.ComponentModel;
using System.Text;
using MessagePack;
using MessagePack.Formatters;

namespace TypedActors.Copying.Serialization;

/// <summary>
/// Writes and reads messages whose type is only known at run time, for transports that carry any message (remoting):
/// a message travels as <c>["Namespace.Type", { ...members }]</c>. Every type with a generated formatter is known here
/// by its full name, registered when its formatter is; there is no reflection. Serializing is the copy: what is read is
/// the receiver's own. Not for application code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WireMessages
{
    private static readonly object s_gate = new();
    private static volatile Dictionary<Type, IUntypedFormatter> s_byType = [];
    private static volatile Dictionary<string, IUntypedFormatter> s_byName = new(StringComparer.Ordinal);
    private static volatile Dictionary<ulong, IUntypedFormatter> s_byUtf8Hash = [];

    /// <summary>Makes <typeparamref name="T"/> known by its full name (called as its formatter is registered).</summary>
    internal static void Add<T>(IMessagePackFormatter<T> formatter)
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

            var untyped = new UntypedFormatter<T>(formatter, Name(type));
            s_byType = new Dictionary<Type, IUntypedFormatter>(s_byType) { [type] = untyped };
            s_byName = new Dictionary<string, IUntypedFormatter>(s_byName, StringComparer.Ordinal) { [untyped.Name] = untyped };
            var byHash = new Dictionary<ulong, IUntypedFormatter>(s_byUtf8Hash);
            byHash.TryAdd(Hash(untyped.Utf8Name), untyped); // a (vanishingly rare) collision falls back to the name lookup
            s_byUtf8Hash = byHash;
        }
    }

    /// <summary>
    /// Serializes <paramref name="message"/> with its type name, after <paramref name="headerLength"/> zero bytes that
    /// the transport fills in (so its own framing costs no second array).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="headerLength"/> is negative.</exception>
    /// <exception cref="MessagePackSerializationException">The message's type has no generated formatter.</exception>
    public static byte[] Serialize(object message, MessagePackSerializerOptions options, int headerLength = 0)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(headerLength);
        Type type = message.GetType();
        if (!s_byType.TryGetValue(type, out IUntypedFormatter? formatter))
        {
            throw new MessagePackSerializationException(
                $"A {type.FullName} cannot be sent to an actor in another process: the type has no generated wire format.");
        }

        ArrayBufferWriter<byte> buffer = WireBuffer.Take();
        try
        {
            buffer.GetSpan(headerLength)[..headerLength].Clear();
            buffer.Advance(headerLength);
            var writer = new MessagePackWriter(buffer);
            writer.WriteArrayHeader(2);
            writer.WriteRaw(formatter.EncodedName);
            formatter.Serialize(ref writer, message, options);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            WireBuffer.Return(buffer);
        }
    }

    /// <summary>Reads a message written by <see cref="Serialize"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="MessagePackSerializationException">Malformed input, or a type this process does not know.</exception>
    public static object Deserialize(ReadOnlyMemory<byte> serialized, MessagePackSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reader = new MessagePackReader(serialized);
        if (reader.ReadArrayHeader() != 2)
        {
            throw new MessagePackSerializationException("A wire message must be a [type, value] pair.");
        }

        IUntypedFormatter formatter = ReadFormatter(ref reader);
        return formatter.Deserialize(ref reader, options)
            ?? throw new MessagePackSerializationException($"A wire message of type {formatter.Name} is nil.");
    }

    /// <summary>Finds the formatter named by the type name at the reader, comparing UTF-8 bytes: no string is made.</summary>
    private static IUntypedFormatter ReadFormatter(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.String)
        {
            throw new MessagePackSerializationException("A wire message has no type name.");
        }

        if (reader.TryReadStringSpan(out ReadOnlySpan<byte> utf8))
        {
            if (s_byUtf8Hash.TryGetValue(Hash(utf8), out IUntypedFormatter? known) && utf8.SequenceEqual(known.Utf8Name))
            {
                return known;
            }

            return Known(Encoding.UTF8.GetString(utf8));
        }

        return Known(reader.ReadString() ?? throw new MessagePackSerializationException("A wire message has no type name."));
    }

    private static IUntypedFormatter Known(string name) => s_byName.TryGetValue(name, out IUntypedFormatter? formatter)
        ? formatter
        : throw new MessagePackSerializationException($"The message type {name} is not known in this process.");

    private static ulong Hash(ReadOnlySpan<byte> utf8)
    {
        ulong hash = 14695981039346656037UL; // FNV-1a
        foreach (byte b in utf8)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private static string Name(Type type) => type.FullName ?? type.Name;

    // Written with a bare writer, not the serializer: its standard options would bring MessagePack's reflection-based
    // resolvers into every trimmed or NativeAOT application.
    private static byte[] Encode(string name)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.Write(name);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private interface IUntypedFormatter
    {
        /// <summary>The type's full name.</summary>
        string Name { get; }

        /// <summary>The name in UTF-8.</summary>
        byte[] Utf8Name { get; }

        /// <summary>The name as a MessagePack string, written as it is.</summary>
        byte[] EncodedName { get; }

        void Serialize(ref MessagePackWriter writer, object value, MessagePackSerializerOptions options);

        object? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options);
    }

    private sealed class UntypedFormatter<T>(IMessagePackFormatter<T> formatter, string name) : IUntypedFormatter
    {
        public string Name { get; } = name;

        public byte[] Utf8Name { get; } = Encoding.UTF8.GetBytes(name);

        public byte[] EncodedName { get; } = Encode(name);

        public void Serialize(ref MessagePackWriter writer, object value, MessagePackSerializerOptions options) =>
            formatter.Serialize(ref writer, (T)value, options);

        public object? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
            formatter.Deserialize(ref reader, options);
    }
}
