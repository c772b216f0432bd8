using System.Buffers.Binary;
using MessagePack;

namespace TypedActors.Orleans.Grains;

/// <summary>What one delivery of a batch is.</summary>
internal enum DeliveryKind : byte
{
    Tell = 1,
    Ask = 2,
}

/// <summary>One delivery of a batch as its sender holds it: the message serialized after a <see cref="DeliveryFrame"/> header.</summary>
internal interface IBatchedDelivery
{
    DeliveryKind Kind { get; }

    byte[] Frame { get; }
}

/// <summary>
/// Several tells and asks to one actor as one call (see <see cref="Outbox"/>): the <see cref="Sequence"/> of the first
/// (the others follow it, one number each), the count, then each delivery as its kind, its length and the message in
/// the wire format, all little-endian. The answer holds one outcome per delivery, in order, each as its length and its
/// bytes: an ask's <see cref="AskOutcome"/>; for a tell, nothing when it was delivered, otherwise an outcome saying why
/// not.
/// </summary>
internal static class DeliveryBatch
{
    private const int CountLength = 4;
    private const int ItemHeaderLength = 5;

    /// <summary>Writes <paramref name="deliveries"/> as one batch whose first delivery is numbered <paramref name="first"/>.</summary>
    public static byte[] Write<T>(Sequence first, IReadOnlyList<T> deliveries)
        where T : IBatchedDelivery
    {
        int length = DeliveryFrame.HeaderLength + CountLength;
        for (int i = 0; i < deliveries.Count; i++)
        {
            length += ItemHeaderLength + deliveries[i].Frame.Length - DeliveryFrame.HeaderLength;
        }

        byte[] batch = new byte[length];
        DeliveryFrame.WriteSequence(batch, first);
        Span<byte> rest = batch.AsSpan(DeliveryFrame.HeaderLength);
        BinaryPrimitives.WriteInt32LittleEndian(rest, deliveries.Count);
        rest = rest[CountLength..];
        for (int i = 0; i < deliveries.Count; i++)
        {
            ReadOnlySpan<byte> message = deliveries[i].Frame.AsSpan(DeliveryFrame.HeaderLength);
            rest[0] = (byte)deliveries[i].Kind;
            BinaryPrimitives.WriteInt32LittleEndian(rest[1..], message.Length);
            message.CopyTo(rest[ItemHeaderLength..]);
            rest = rest[(ItemHeaderLength + message.Length)..];
        }

        return batch;
    }

    /// <summary>The number of deliveries in <paramref name="batch"/>.</summary>
    /// <exception cref="MessagePackSerializationException">The batch is malformed.</exception>
    public static int Count(byte[] batch)
    {
        if (batch.Length < DeliveryFrame.HeaderLength + CountLength)
        {
            throw new MessagePackSerializationException($"A delivery batch of {batch.Length} bytes has no count.");
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(batch.AsSpan(DeliveryFrame.HeaderLength));
        return count > 0 ? count : throw new MessagePackSerializationException($"A delivery batch counts {count} deliveries.");
    }

    /// <summary>Reads the deliveries of <paramref name="batch"/>, in order.</summary>
    /// <exception cref="MessagePackSerializationException">The batch is malformed.</exception>
    public static (DeliveryKind Kind, ReadOnlyMemory<byte> Message)[] Read(byte[] batch)
    {
        var deliveries = new (DeliveryKind, ReadOnlyMemory<byte>)[Count(batch)];
        int offset = DeliveryFrame.HeaderLength + CountLength;
        for (int i = 0; i < deliveries.Length; i++)
        {
            if (batch.Length - offset < ItemHeaderLength)
            {
                throw new MessagePackSerializationException($"A delivery batch ends before its delivery {i + 1} of {deliveries.Length}.");
            }

            var kind = (DeliveryKind)batch[offset];
            int length = BinaryPrimitives.ReadInt32LittleEndian(batch.AsSpan(offset + 1));
            offset += ItemHeaderLength;
            if (kind is not (DeliveryKind.Tell or DeliveryKind.Ask) || length < 0 || length > batch.Length - offset)
            {
                throw new MessagePackSerializationException($"Delivery {i + 1} of a batch is malformed.");
            }

            deliveries[i] = (kind, batch.AsMemory(offset, length));
            offset += length;
        }

        return deliveries;
    }

    /// <summary>Writes the outcomes of a batch, in the order of its deliveries.</summary>
    public static byte[] WriteOutcomes(byte[][] outcomes)
    {
        int length = CountLength;
        foreach (byte[] outcome in outcomes)
        {
            length += CountLength + outcome.Length;
        }

        byte[] written = new byte[length];
        BinaryPrimitives.WriteInt32LittleEndian(written, outcomes.Length);
        int offset = CountLength;
        foreach (byte[] outcome in outcomes)
        {
            BinaryPrimitives.WriteInt32LittleEndian(written.AsSpan(offset), outcome.Length);
            outcome.CopyTo(written, offset + CountLength);
            offset += CountLength + outcome.Length;
        }

        return written;
    }

    /// <summary>Reads the outcomes written by <see cref="WriteOutcomes"/>; there must be <paramref name="expected"/>.</summary>
    /// <exception cref="MessagePackSerializationException">The outcomes are malformed.</exception>
    public static byte[][] ReadOutcomes(byte[] written, int expected)
    {
        if (written.Length < CountLength || BinaryPrimitives.ReadInt32LittleEndian(written) != expected)
        {
            throw new MessagePackSerializationException($"The answer to a batch of {expected} deliveries does not hold {expected} outcomes.");
        }

        var outcomes = new byte[expected][];
        int offset = CountLength;
        for (int i = 0; i < expected; i++)
        {
            int length = written.Length - offset >= CountLength ? BinaryPrimitives.ReadInt32LittleEndian(written.AsSpan(offset)) : -1;
            offset += CountLength;
            if (length < 0 || length > written.Length - offset)
            {
                throw new MessagePackSerializationException($"Outcome {i + 1} of a batch's answer is malformed.");
            }

            outcomes[i] = length == 0 ? [] : written.AsSpan(offset, length).ToArray();
            offset += length;
        }

        return outcomes;
    }
}
