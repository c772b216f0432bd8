using System.Buffers;
using System.Text;
using MessagePack;
using TypedActors.CompilerServices;

namespace TypedActors.Tests.Copying;

/// <summary>The encoded member keys generated formatters write and compare, instead of making a string per key.</summary>
public class WireKeyTests
{
    [Fact]
    public void The_encoded_key_is_the_MessagePack_string_of_the_name()
    {
        var key = new WireKey("Quantity");

        Assert.Equal(MessagePackSerializer.Serialize("Quantity"), key.Encoded.ToArray());
        Assert.Equal("Quantity", key.ToString());
    }

    [Theory]
    [InlineData("Quantity", true)]
    [InlineData("quantity", true)] // camelCase, as JSON from the gateway carries it
    [InlineData("QUANTITY", true)]
    [InlineData("Quantit", false)]
    [InlineData("Quantityy", false)]
    [InlineData("Quantitz", false)]
    [InlineData("", false)]
    public void Member_keys_match_ignoring_case(string candidate, bool matches) =>
        Assert.Equal(matches, new WireKey("Quantity").Matches(Encoding.UTF8.GetBytes(candidate)));

    [Fact]
    public void Non_ASCII_member_names_match_ignoring_case_too()
    {
        var key = new WireKey("Größe");

        Assert.True(key.Matches(Encoding.UTF8.GetBytes("Größe")));
        Assert.True(key.Matches(Encoding.UTF8.GetBytes("GRÖßE")));
        Assert.True(key.Matches(Encoding.UTF8.GetBytes("größe")));
        Assert.False(key.Matches(Encoding.UTF8.GetBytes("Grosse")));
    }

    [Fact]
    public void Type_names_match_exactly()
    {
        var name = new WireKey("Shop.Circle");

        Assert.True(name.IsExactly(Encoding.UTF8.GetBytes("Shop.Circle")));
        Assert.False(name.IsExactly(Encoding.UTF8.GetBytes("shop.circle")));
    }

    [Fact]
    public void A_key_is_read_whole_even_when_split_across_buffer_segments()
    {
        byte[] encoded = MessagePackSerializer.Serialize("Quantity");
        ReadOnlySequence<byte> split = Split(encoded, at: 4);
        var reader = new MessagePackReader(split);

        ReadOnlySpan<byte> key = WireKey.Read(ref reader);

        Assert.Equal("Quantity", WireKey.Text(key));
        Assert.True(reader.End);
    }

    [Fact]
    public void A_nil_key_reads_as_empty_and_matches_no_member()
    {
        var reader = new MessagePackReader(new byte[] { MessagePackCode.Nil });

        ReadOnlySpan<byte> key = WireKey.Read(ref reader);

        Assert.True(key.IsEmpty);
        Assert.False(new WireKey("Quantity").Matches(key));
    }

    [Fact]
    public void A_key_that_is_not_a_string_is_rejected()
    {
        var reader = new MessagePackReader(MessagePackSerializer.Serialize(42));

        try
        {
            WireKey.Read(ref reader);
            Assert.Fail("An integer key was read as a string.");
        }
        catch (MessagePackSerializationException)
        {
        }
    }

    private static ReadOnlySequence<byte> Split(byte[] bytes, int at)
    {
        var first = new Segment(bytes.AsMemory(0, at), 0);
        var second = first.Append(bytes.AsMemory(at));
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
