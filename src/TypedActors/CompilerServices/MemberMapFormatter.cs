using System.ComponentModel;
using MessagePack;
using MessagePack.Formatters;

namespace TypedActors.CompilerServices;

/// <summary>
/// What every generated formatter of a type written as a map of members shares: the member keys, encoded once, writing
/// a member under its key, and reading a map key by key (<see cref="MemberMapReader"/>). The generated subclass keeps
/// only what must be typed: which members to write and which constructor to call with what was read. For generated
/// code.
/// </summary>
/// <typeparam name="T">The type written (not nullable).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class MemberMapFormatter<T>
{
    private readonly WireKey[] _keys;
    private readonly string[] _names;

    /// <summary>Members whose wire names are their C# names, in the order of their indexes.</summary>
    protected MemberMapFormatter(params string[] names)
        : this(names, names)
    {
    }

    /// <summary>Members by C# name (named in a failure) and by wire name (their keys), in the order of their indexes.</summary>
    protected MemberMapFormatter(string[] names, string[] wireNames)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(wireNames);
        if (names.Length != wireNames.Length)
        {
            throw new ArgumentException("Every member needs one name and one wire name.", nameof(wireNames));
        }

        _names = names;
        _keys = Array.ConvertAll(wireNames, name => new WireKey(name));
    }

    /// <summary>Writes the map of <paramref name="value"/>'s members (no nil, no union envelope).</summary>
    public abstract void WriteBody(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options);

    /// <summary>Reads a map of members into a new <typeparamref name="T"/> (no nil, no union envelope).</summary>
    public abstract T ReadBody(ref MessagePackReader reader, MessagePackSerializerOptions options);

    /// <summary>Starts the map: its header counts every member.</summary>
    protected void WriteHeader(ref MessagePackWriter writer) => writer.WriteMapHeader(_keys.Length);

    /// <summary>Writes member number <paramref name="member"/>: its key, then its value by its type's formatter.</summary>
    protected void Write<TMember>(ref MessagePackWriter writer, int member, TMember value, MessagePackSerializerOptions options)
    {
        writer.WriteRaw(_keys[member].Encoded);
        options.Resolver.GetFormatterWithVerify<TMember>().Serialize(ref writer, value, options);
    }

    /// <summary>Starts reading a map of members: counts one level of depth and reads the map header.</summary>
    protected MemberMapReader ReadMap(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Security.DepthStep(ref reader);
        return new MemberMapReader(_keys, _names, options, reader.ReadMapHeader());
    }
}

/// <summary>A <see cref="MemberMapFormatter{T}"/> of a class or record: nil is null. For generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ClassFormatter<T> : MemberMapFormatter<T>, IMessagePackFormatter<T?>
    where T : class
{
    /// <inheritdoc cref="MemberMapFormatter{T}(string[])"/>
    protected ClassFormatter(params string[] names)
        : base(names)
    {
    }

    /// <inheritdoc cref="MemberMapFormatter{T}(string[], string[])"/>
    protected ClassFormatter(string[] names, string[] wireNames)
        : base(names, wireNames)
    {
    }

    /// <inheritdoc />
    public virtual void Serialize(ref MessagePackWriter writer, T? value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        WriteBody(ref writer, value, options);
    }

    /// <inheritdoc />
    public virtual T? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        reader.TryReadNil() ? null : ReadBody(ref reader, options);
}

/// <summary>A <see cref="MemberMapFormatter{T}"/> of a struct: nil reads as the default value. For generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class StructFormatter<T> : MemberMapFormatter<T>, IMessagePackFormatter<T>
    where T : struct
{
    /// <inheritdoc cref="MemberMapFormatter{T}(string[])"/>
    protected StructFormatter(params string[] names)
        : base(names)
    {
    }

    /// <inheritdoc cref="MemberMapFormatter{T}(string[], string[])"/>
    protected StructFormatter(string[] names, string[] wireNames)
        : base(names, wireNames)
    {
    }

    /// <inheritdoc />
    public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options) =>
        WriteBody(ref writer, value, options);

    /// <inheritdoc />
    public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        reader.TryReadNil() ? default : ReadBody(ref reader, options);
}
