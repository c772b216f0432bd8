using MessagePack;
using TypedActors.Copying.Serialization;

namespace TypedActors.Tests.Copying;

/// <summary>Messages whose type is only known at run time, as remoting carries them: <c>["Namespace.Type", {...}]</c>.</summary>
public class WireMessageTests
{
    private static readonly MessagePackSerializerOptions Options = ActorMessagePack.CreateOptions();

    [Fact]
    public void A_message_round_trips_with_its_type_and_every_member()
    {
        var order = new Order { Id = 7, Lines = [new Line("sku", 2, 9.5m)], Tags = { ["a"] = [1, 2] }, Note = "n" };

        var read = Assert.IsType<Order>(WireMessages.Deserialize(WireMessages.Serialize(order, Options), Options));

        Assert.NotSame(order, read);
        Assert.Equal(7, read.Id);
        Assert.Equal(new Line("sku", 2, 9.5m), Assert.Single(read.Lines));
        Assert.Equal([1, 2], read.Tags["a"]);
        Assert.Equal("n", read.Note);
    }

    [Fact]
    public void Messages_of_several_types_written_one_after_another_each_read_back_as_themselves()
    {
        // The serializer reuses one buffer per thread: nothing of an earlier, longer message may leak into a later one.
        var big = new Order { Id = 1, Note = new string('x', 10_000) };
        byte[] first = WireMessages.Serialize(big, Options);
        byte[] second = WireMessages.Serialize(new Line("s", 1, 1m), Options);
        byte[] third = WireMessages.Serialize(new Order { Id = 3 }, Options);

        Assert.Equal(10_000, Assert.IsType<Order>(WireMessages.Deserialize(first, Options)).Note!.Length);
        Assert.Equal(new Line("s", 1, 1m), WireMessages.Deserialize(second, Options));
        Order last = Assert.IsType<Order>(WireMessages.Deserialize(third, Options));
        Assert.Equal(3, last.Id);
        Assert.Null(last.Note);
    }

    [Fact]
    public void A_type_without_a_generated_format_cannot_be_sent()
    {
        var exception = Assert.Throws<MessagePackSerializationException>(() => WireMessages.Serialize(new Uri("http://x"), Options));
        Assert.Contains("System.Uri", exception.Message);
    }

    [Fact]
    public void An_unknown_type_name_is_refused_by_name()
    {
        byte[] bytes = Pair((ref MessagePackWriter writer) => writer.Write("Nowhere.Unknown"));

        var exception = Assert.Throws<MessagePackSerializationException>(() => WireMessages.Deserialize(bytes, Options));
        Assert.Contains("Nowhere.Unknown", exception.Message);
    }

    [Theory]
    [InlineData("nil")]
    [InlineData("number")]
    public void A_pair_without_a_type_name_is_refused(string kind)
    {
        byte[] bytes = Pair((ref MessagePackWriter writer) =>
        {
            if (kind == "nil")
            {
                writer.WriteNil();
            }
            else
            {
                writer.Write(42);
            }
        });

        var exception = Assert.Throws<MessagePackSerializationException>(() => WireMessages.Deserialize(bytes, Options));
        Assert.Contains("no type name", exception.Message);
    }

    private delegate void WriteName(ref MessagePackWriter writer);

    private static byte[] Pair(WriteName writeName)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(2);
        writeName(ref writer);
        writer.WriteMapHeader(0);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
