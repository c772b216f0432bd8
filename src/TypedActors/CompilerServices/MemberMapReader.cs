using System.ComponentModel;
using MessagePack;
using TypedActors.Copying.Serialization;

namespace TypedActors.CompilerServices;

/// <summary>
/// Reads a map of members key by key for a generated <c>ReadBody</c>: <see cref="Next"/> moves to the next key that
/// names a member (matched exactly or ignoring case), skipping keys written by a newer version of the type or, with
/// <see cref="ActorMessagePackOptions.RejectUnknownMembers"/>, failing on them; <see cref="Read{TMember}"/> reads the
/// member's value and names the member in a failure. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct MemberMapReader
{
    private readonly WireKey[] _keys;
    private readonly string[] _names;
    private readonly MessagePackSerializerOptions _options;
    private int _remaining;

    internal MemberMapReader(WireKey[] keys, string[] names, MessagePackSerializerOptions options, int count)
    {
        _keys = keys;
        _names = names;
        _options = options;
        _remaining = count;
        Member = -1;
    }

    /// <summary>The index of the member <see cref="Next"/> moved to.</summary>
    public int Member { get; private set; }

    /// <summary>
    /// Reads keys until one names a member (true, <see cref="Member"/> says which) or the map ends (false; the depth
    /// counted when the map was started is given back).
    /// </summary>
    /// <exception cref="MessageMemberException">A key names no member and unknown members are rejected.</exception>
    public bool Next(ref MessagePackReader reader)
    {
        while (_remaining > 0)
        {
            _remaining--;
            ReadOnlySpan<byte> key = WireKey.Read(ref reader);
            WireKey[] keys = _keys;
            for (int i = 0; i < keys.Length; i++)
            {
                if (keys[i].Matches(key))
                {
                    Member = i;
                    return true;
                }
            }

            if (_options is ActorMessagePackOptions { RejectUnknownMembers: true })
            {
                throw MessageMemberException.Unknown(WireKey.Text(key));
            }

            reader.Skip(); // written by a newer version of the type
        }

        reader.Depth--;
        return false;
    }

    /// <summary>Reads the value of the current member by its type's formatter.</summary>
    /// <exception cref="MessageMemberException">The value could not be read; the exception names the member.</exception>
    public readonly TMember Read<TMember>(ref MessagePackReader reader)
    {
        try
        {
            return _options.Resolver.GetFormatterWithVerify<TMember>().Deserialize(ref reader, _options);
        }
        catch (Exception exception)
        {
            throw MessageMemberException.Wrap(_names[Member], exception);
        }
    }
}
