using System.Buffers;
using System.ComponentModel;
using System.Text;
using MessagePack;

namespace TypedActors.CompilerServices;

/// <summary>
/// A member key (or type name) of a generated formatter, kept encoded: writing it copies its bytes, and reading a
/// message compares the key bytes it holds instead of making a string of every key. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WireKey
{
    private readonly byte[] _utf8;
    private readonly byte[] _encoded;
    private readonly bool _ascii;

    /// <summary>Encodes <paramref name="name"/>.</summary>
    public WireKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        _utf8 = Encoding.UTF8.GetBytes(name);
        _ascii = Ascii.IsValid(_utf8);

        // Written with a bare writer, not the serializer: its standard options would bring MessagePack's
        // reflection-based resolvers into every trimmed or NativeAOT application.
        var buffer = new ArrayBufferWriter<byte>(_utf8.Length + 5);
        var writer = new MessagePackWriter(buffer);
        writer.WriteString(_utf8);
        writer.Flush();
        _encoded = buffer.WrittenSpan.ToArray();
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The name as a MessagePack string, to be written as it is.</summary>
    public ReadOnlySpan<byte> Encoded => _encoded;

    /// <summary>
    /// Whether <paramref name="key"/> (UTF-8, as <see cref="Read"/> returns it) names this member: exactly, or ignoring
    /// case as a JSON client's camelCase names do (ordinal case-insensitive, as for strings).
    /// </summary>
    public bool Matches(ReadOnlySpan<byte> key)
    {
        if (key.SequenceEqual(_utf8))
        {
            return true;
        }

        return _ascii
            ? key.Length == _utf8.Length && Ascii.EqualsIgnoreCase(key, _utf8)
            : string.Equals(Encoding.UTF8.GetString(key), Name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether <paramref name="key"/> is exactly this name (type names are matched exactly).</summary>
    public bool IsExactly(ReadOnlySpan<byte> key) => key.SequenceEqual(_utf8);

    /// <summary>Reads a key as UTF-8 bytes, without making a string (nil reads as empty).</summary>
    public static ReadOnlySpan<byte> Read(ref MessagePackReader reader)
    {
        if (reader.TryReadStringSpan(out ReadOnlySpan<byte> key))
        {
            return key;
        }

        // Nil, or a string split across buffer segments: rare enough to copy.
        return reader.ReadStringSequence() is { } split ? split.ToArray() : default;
    }

    /// <summary>A key read by <see cref="Read"/>, as text for a failure message.</summary>
    public static string Text(ReadOnlySpan<byte> key) => Encoding.UTF8.GetString(key);

    /// <inheritdoc />
    public override string ToString() => Name;
}
