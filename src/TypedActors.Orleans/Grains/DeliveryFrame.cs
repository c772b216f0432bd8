using System.Buffers.Binary;
using MessagePack;

namespace TypedActors.Orleans.Grains;

/// <summary>
/// A tell or an ask as it crosses the Orleans boundary: one byte array holding the delivery's <see cref="Sequence"/>
/// (16 bytes of channel, 8 of number, little-endian) and then the message in the wire format. Carried in the payload
/// rather than as a second argument: Orleans then has one immutable byte array to copy into its message and nothing to
/// encode, box or allocate for the sequence, on either side.
/// </summary>
internal static class DeliveryFrame
{
    public const int HeaderLength = 24;

    public static void WriteSequence(byte[] frame, Sequence sequence)
    {
        Span<byte> header = frame.AsSpan(0, HeaderLength);
        sequence.Channel.TryWriteBytes(header[..16]);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], sequence.Number);
    }

    /// <exception cref="MessagePackSerializationException">The frame is too short to hold a sequence.</exception>
    public static Sequence ReadSequence(byte[] frame)
    {
        if (frame.Length < HeaderLength)
        {
            throw new MessagePackSerializationException($"A delivery frame of {frame.Length} bytes is shorter than its {HeaderLength}-byte header.");
        }

        ReadOnlySpan<byte> header = frame.AsSpan(0, HeaderLength);
        return new Sequence(new Guid(header[..16]), BinaryPrimitives.ReadInt64LittleEndian(header[16..]));
    }

    public static ReadOnlyMemory<byte> Message(byte[] frame) => frame.AsMemory(HeaderLength);
}
