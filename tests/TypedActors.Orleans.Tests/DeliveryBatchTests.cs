using MessagePack;
using TypedActors.Orleans.Grains;

namespace TypedActors.Orleans.Tests;

/// <summary>The batch frame: several deliveries to one actor as one call, and their outcomes.</summary>
public sealed class DeliveryBatchTests
{
    [Fact]
    public void A_batch_reads_back_its_first_number_and_its_deliveries_in_order()
    {
        var first = new Sequence(Guid.NewGuid(), 41);
        Delivery[] deliveries = [new(DeliveryKind.Tell, [1, 2]), new(DeliveryKind.Ask, []), new(DeliveryKind.Ask, [3])];

        byte[] batch = DeliveryBatch.Write(first, deliveries);

        Assert.Equal(first, DeliveryFrame.ReadSequence(batch));
        Assert.Equal(3, DeliveryBatch.Count(batch));
        var read = DeliveryBatch.Read(batch);
        Assert.Equal([DeliveryKind.Tell, DeliveryKind.Ask, DeliveryKind.Ask], read.Select(d => d.Kind));
        Assert.Equal([[1, 2], [], [3]], read.Select(d => d.Message.ToArray()));
    }

    [Fact]
    public void Outcomes_read_back_in_order_including_empty_ones()
    {
        byte[][] outcomes = [[], [0, 9], AskOutcome.Dead(ExitReason.Normal)];

        byte[][] read = DeliveryBatch.ReadOutcomes(DeliveryBatch.WriteOutcomes(outcomes), expected: 3);

        Assert.Equal(outcomes, read);
    }

    [Fact]
    public void Every_truncation_of_a_batch_is_rejected_with_MessagePackSerializationException()
    {
        byte[] batch = DeliveryBatch.Write(new Sequence(Guid.NewGuid(), 1), [new Delivery(DeliveryKind.Ask, [1, 2, 3])]);

        for (int length = 0; length < batch.Length; length++)
        {
            byte[] truncated = batch[..length];
            Assert.Throws<MessagePackSerializationException>(() => DeliveryBatch.Read(truncated));
        }
    }

    [Fact]
    public void An_unknown_kind_or_a_negative_count_is_rejected()
    {
        byte[] batch = DeliveryBatch.Write(new Sequence(Guid.NewGuid(), 1), [new Delivery(DeliveryKind.Tell, [1])]);
        byte[] unknownKind = (byte[])batch.Clone();
        unknownKind[DeliveryFrame.HeaderLength + 4] = 9;
        byte[] negativeCount = (byte[])batch.Clone();
        negativeCount[DeliveryFrame.HeaderLength + 3] = 0x80;

        Assert.Throws<MessagePackSerializationException>(() => DeliveryBatch.Read(unknownKind));
        Assert.Throws<MessagePackSerializationException>(() => DeliveryBatch.Read(negativeCount));
    }

    [Fact]
    public void Truncated_outcomes_are_rejected()
    {
        byte[] written = DeliveryBatch.WriteOutcomes([[0, 1, 2]]);

        for (int length = 0; length < written.Length; length++)
        {
            byte[] truncated = written[..length];
            Assert.Throws<MessagePackSerializationException>(() => DeliveryBatch.ReadOutcomes(truncated, expected: 1));
        }
    }

    private sealed record Delivery(DeliveryKind Kind, byte[] Message) : IBatchedDelivery
    {
        public byte[] Frame { get; } = [.. new byte[DeliveryFrame.HeaderLength], .. Message];
    }
}
