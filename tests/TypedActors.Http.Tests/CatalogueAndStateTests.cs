using MessagePack;
using TypedActors.Catalogue;
using TypedActors.Copying.Serialization;
using TypedActors.State;

namespace TypedActors.Http.Tests;

/// <summary>The generated pieces the gateway stands on, used directly: the message catalogue and state snapshots.</summary>
public sealed class CatalogueAndStateTests
{
    [Fact]
    public void The_generated_catalogue_names_every_handled_message_and_whether_it_replies()
    {
        ActorCatalogue catalogue = Describe<Counter>();

        Assert.Equal(["Fail", "GetCount", "Hang", "Increment", "Quit"], catalogue.Names.Order(StringComparer.Ordinal));
        Assert.True(catalogue.TryFind("getcount", out MessageDescriptor? getCount));
        Assert.Equal(typeof(int), getCount.ReplyType);
        Assert.True(catalogue.TryFind("Increment", out MessageDescriptor? increment));
        Assert.False(increment.HasReply);
        Assert.True(Describe<Pair>().TryFind("Move", out MessageDescriptor? move)); // present, and a tell (async Task)
        Assert.False(move.HasReply);
    }

    [Fact]
    public void Messages_sharing_a_simple_name_are_named_by_their_full_names()
    {
        var catalogue = new ActorCatalogue(MessageDescriptor.Tell<Increment>("Line"), MessageDescriptor.Tell<Line>("Line"));

        Assert.False(catalogue.TryFind("Line", out _));
        Assert.True(catalogue.TryFind(typeof(Line).FullName!, out MessageDescriptor? line));
        Assert.Equal(typeof(Line), line.MessageType);
    }

    [Fact]
    public async Task A_snapshot_is_a_map_of_fields_and_a_dead_actor_has_none()
    {
        await using var system = new ActorSystem();
        ActorRef<Counter> counter = system.Spawn(() => new Counter(5));
        ActorMessagePackOptions options = ActorMessagePack.CreateOptions(system);

        byte[] state = await ActorState.CaptureAsync(counter.Address, options);
        string json = MessagePackSerializer.ConvertToJson(state, options);
        Assert.Equal("""{"count":5,"history":[],"twice":{"$notSerializable":true}}""", json);

        counter.Address.Kill();
        await counter.Completion;
        await Assert.ThrowsAsync<DeadActorException>(() => ActorState.CaptureAsync(counter.Address, options));
    }

    [Theory]
    [InlineData(new byte[] { 0x80 }, 1, "Valid")]
    [InlineData(new byte[] { 0x91, 0x91, 0x01 }, 2, "Valid")]
    [InlineData(new byte[] { 0x91, 0x91, 0x91, 0x01 }, 2, "TooDeep")]
    [InlineData(new byte[] { 0x92, 0x01 }, 4, "Malformed")]
    [InlineData(new byte[] { 0x01, 0x02 }, 4, "Malformed")]
    public void MessagePack_bodies_are_checked_for_shape_and_depth_without_recursion(byte[] body, int maxDepth, string expected) =>
        Assert.Equal(expected, MessagePackShape.Check(body, maxDepth).ToString());

    private static ActorCatalogue Describe<TActor>()
        where TActor : IActorCatalogue => TActor.DescribeMessages();
}

public sealed class DecimalWireTests
{
    [Theory]
    [InlineData("""{"Amount": 25.5}""", "25.5")]
    [InlineData("""{"Amount": 100}""", "100")]
    [InlineData("""{"Amount": "0.1"}""", "0.1")]
    [InlineData("""{"Amount": 18446744073709551615}""", "18446744073709551615")]
    public void Decimals_read_from_JSON_numbers_and_strings(string json, string expected)
    {
        ActorMessagePackOptions options = ActorMessagePack.CreateOptions();
        Bank.Deposit deposit = MessagePackSerializer.Deserialize<Bank.Deposit>(MessagePackSerializer.ConvertFromJson(json), options);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), deposit.Amount);
        Assert.Equal("{\"Amount\":\"" + expected + "\"}", MessagePackSerializer.ConvertToJson(MessagePackSerializer.Serialize(deposit, options), options));
    }

    [Theory]
    [InlineData("""{"Amount": 1e40}""")]
    [InlineData("""{"Amount": "lots"}""")]
    [InlineData("""{"Amount": true}""")]
    public void Values_that_are_no_decimal_fail_naming_the_member(string json)
    {
        var failure = Assert.Throws<MessagePackSerializationException>(() =>
            MessagePackSerializer.Deserialize<Bank.Deposit>(MessagePackSerializer.ConvertFromJson(json), ActorMessagePack.CreateOptions()));
        Assert.Equal("Amount", Assert.IsType<MessageMemberException>(failure.InnerException).MemberPath);
    }
}
