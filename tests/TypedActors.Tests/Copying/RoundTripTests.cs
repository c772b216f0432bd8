using CsCheck;
using MessagePack;
using TypedActors.Copying;
using TypedActors.Copying.Serialization;

namespace TypedActors.Tests.Copying;

public class RoundTripTests
{
    private static readonly MessagePackSerializerOptions Options = ActorMessagePack.CreateOptions();

    [Fact]
    public void Every_supported_shape_survives_a_MessagePack_round_trip() =>
        MessageGenerators.Everything.Sample(message =>
        {
            byte[] bytes = MessagePackSerializer.Serialize(message, Options);
            Everything back = MessagePackSerializer.Deserialize<Everything>(bytes, Options);
            MessageGenerators.AssertSameContent(message, back);
        }, iter: 200);

    [Fact]
    public void Every_supported_shape_survives_a_copy_and_shares_nothing_mutable() =>
        MessageGenerators.Everything.Sample(message =>
        {
            Everything copy = Copier<Everything>.Copy(message);
            MessageGenerators.AssertSameContent(message, copy);
            Assert.NotSame(message, copy);
            Assert.NotSame(message.Names, copy.Names);
            Assert.NotSame(message.ByName, copy.ByName);
            Assert.NotSame(message.Nested, copy.Nested);
            Assert.All(message.Nested.Zip(copy.Nested), pair => Assert.NotSame(pair.First, pair.Second));
            if (message.Numbers.Length > 0) // an empty array cannot be mutated, so it is shared
            {
                Assert.NotSame(message.Numbers, copy.Numbers);
            }

            if (message.Bytes is { Length: > 0 })
            {
                Assert.NotSame(message.Bytes, copy.Bytes);
            }

            if (message.Shape is not null)
            {
                Assert.NotSame(message.Shape, copy.Shape);
            }
        }, iter: 200);

    [Fact]
    public void Tuples_stay_tuples_and_derived_types_stay_derived()
    {
        var message = MessageGenerators.Everything.Where(m => m.Shape is Polygon && m.OldPair is not null).Single();
        Everything back = MessagePackSerializer.Deserialize<Everything>(MessagePackSerializer.Serialize(message, Options), Options);

        Assert.IsType<Tuple<int, string>>(back.OldPair);
        Assert.IsType<Polygon>(back.Shape);
        Assert.Equal(message.Pair, back.Pair);
    }

    [Fact]
    public void Keys_match_case_insensitively_unknown_keys_are_skipped_and_missing_ones_defaulted()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(3);
        writer.Write("sku"); // camelCase, as JSON from the gateway would carry it
        writer.Write("pen");
        writer.Write("addedInVersion2");
        writer.Write(new byte[] { 1, 2, 3 });
        writer.Write("PRICE");
        writer.Write(2.5m.ToString(System.Globalization.CultureInfo.InvariantCulture)); // decimal travels as a string
        writer.Flush();

        Line line = MessagePackSerializer.Deserialize<Line>(buffer.WrittenMemory, Options);

        Assert.Equal(new Line("pen", 0, 2.5m), line);
    }

    [Fact]
    public void Members_are_written_as_a_map_keyed_by_CSharp_names()
    {
        byte[] bytes = MessagePackSerializer.Serialize(new Line("pen", 3, 1m), Options);
        string json = MessagePackSerializer.ConvertToJson(bytes);
        Assert.Equal("""{"Sku":"pen","Quantity":3,"Price":"1"}""", json);
    }

    [Fact]
    public void A_union_travels_as_type_name_and_map()
    {
        byte[] bytes = MessagePackSerializer.Serialize<Shape>(new Circle(1.5) { Label = "c" }, Options);
        string json = MessagePackSerializer.ConvertToJson(bytes);
        Assert.Equal("""["TypedActors.Tests.Copying.Circle",{"Radius":1.5,"Label":"c"}]""", json);
    }

    [Fact]
    public void Serializing_a_cyclic_message_fails_instead_of_overflowing_the_stack()
    {
        var node = new Node { Value = 1 };
        node.Next = node;
        var exception = Assert.Throws<MessagePackSerializationException>(() => MessagePackSerializer.Serialize(node, Options));
        Assert.IsType<MessageCycleException>(exception.InnerException);
    }
}
