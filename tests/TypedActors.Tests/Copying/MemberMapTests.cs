using MessagePack;
using TypedActors.Copying.Serialization;

namespace TypedActors.Tests.Copying;

/// <summary>
/// What the generated formatters leave to the runtime's member-map reader: a failure names the path of the member that
/// could not be read, strict options reject an unknown key by path, and a read gives back the depth it counted.
/// </summary>
public class MemberMapTests
{
    private static readonly ActorMessagePackOptions Options = ActorMessagePack.CreateOptions();

    [Fact]
    public void A_value_that_cannot_be_read_fails_naming_the_path_of_its_member()
    {
        // Twice { First = Order { Id = "not a number" } }
        byte[] bytes = Map((ref MessagePackWriter writer) =>
        {
            writer.WriteMapHeader(1);
            writer.Write("First");
            writer.WriteMapHeader(1);
            writer.Write("Id");
            writer.Write("not a number");
        });

        var failure = Assert.Throws<MessagePackSerializationException>(() => MessagePackSerializer.Deserialize<Twice>(bytes, Options));

        MessageMemberException member = Assert.IsType<MessageMemberException>(failure.InnerException);
        Assert.Equal("First.Id", member.MemberPath);
        Assert.False(member.IsUnknownMember);
    }

    [Fact]
    public void Strict_options_reject_an_unknown_key_naming_its_path_and_lenient_ones_skip_it()
    {
        byte[] bytes = Map((ref MessagePackWriter writer) =>
        {
            writer.WriteMapHeader(1);
            writer.Write("Second");
            writer.WriteMapHeader(2);
            writer.Write("Id");
            writer.Write(7);
            writer.Write("Colour");
            writer.Write("red");
        });

        var failure = Assert.Throws<MessagePackSerializationException>(() =>
            MessagePackSerializer.Deserialize<Twice>(bytes, Options.WithRejectUnknownMembers(true)));
        MessageMemberException member = Assert.IsType<MessageMemberException>(failure.InnerException);
        Assert.Equal("Second.Colour", member.MemberPath);
        Assert.True(member.IsUnknownMember);

        Twice lenient = MessagePackSerializer.Deserialize<Twice>(bytes, Options);
        Assert.Equal(7, lenient.Second.Id);
        Assert.Null(lenient.First);
    }

    [Fact]
    public void A_read_gives_back_the_depth_it_counted()
    {
        byte[] bytes = MessagePackSerializer.Serialize(new Twice(new Order { Id = 1 }, new Order { Id = 2, Lines = [new Line("pen", 1, 1m)] }), Options);
        var reader = new MessagePackReader(bytes);

        Twice back = Options.Resolver.GetFormatterWithVerify<Twice>().Deserialize(ref reader, Options);

        Assert.Equal(0, reader.Depth);
        Assert.True(reader.End);
        Assert.Equal("pen", Assert.Single(back.Second.Lines).Sku);
    }

    [Fact]
    public void Nesting_deeper_than_the_options_allow_is_refused()
    {
        byte[] bytes = MessagePackSerializer.Serialize(new Twice(new Order { Id = 1 }, new Order { Id = 2 }), Options);
        MessagePackSerializerOptions shallow = Options.WithSecurity(MessagePackSecurity.UntrustedData.WithMaximumObjectGraphDepth(1));

        Assert.Throws<MessagePackSerializationException>(() => MessagePackSerializer.Deserialize<Twice>(bytes, shallow));
        Assert.Equal(2, MessagePackSerializer.Deserialize<Twice>(bytes, Options).Second.Id);
    }

    private delegate void Writing(ref MessagePackWriter writer);

    private static byte[] Map(Writing write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
