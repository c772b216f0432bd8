using MessagePack;
using TypedActors.Copying.Serialization;

namespace TypedActors.Tests.Copying;

public class AddressSerializationTests
{
    [Fact]
    public async Task Addresses_travel_as_addresses_and_resolve_to_the_live_actor()
    {
        await using var system = new ActorSystem();
        ActorRef<Capture> capture = system.Spawn(() => new Capture(new TaskCompletionSource<object>()));
        ActorRef<OrderKeeper> keeper = system.Spawn<OrderKeeper>();
        ActorMessagePackOptions options = ActorMessagePack.CreateOptions(system);

        byte[] bytes = MessagePackSerializer.Serialize(new Introduce(capture, keeper.Address), options);
        Introduce back = MessagePackSerializer.Deserialize<Introduce>(bytes, options);

        Assert.Equal(capture, back.Capture);
        Assert.Equal(keeper.Address, back.Anyone);
        Assert.Contains("\"ActorType\":\"TypedActors.Tests.Copying.Capture\"", MessagePackSerializer.ConvertToJson(bytes));
    }

    [Fact]
    public async Task An_unknown_id_yields_an_address_that_dead_letters_instead_of_throwing()
    {
        byte[] bytes;
        await using (var elsewhere = new ActorSystem())
        {
            ActorRef<Capture> remote = elsewhere.Spawn(() => new Capture(new TaskCompletionSource<object>()));
            bytes = MessagePackSerializer.Serialize(new Introduce(remote, remote.Address), ActorMessagePack.CreateOptions(elsewhere));
        }

        await using var system = new ActorSystem();
        Introduce back = MessagePackSerializer.Deserialize<Introduce>(bytes, ActorMessagePack.CreateOptions(system));

        Assert.True(back.Capture.IsDead);
        back.Capture.Tell(new Line("lost", 1, 1m));
        Assert.Equal(1, system.DeadLetters.Count);
        await Assert.ThrowsAsync<DeadActorException>(() => back.Anyone.Ask<int>(new Line("lost", 1, 1m)).Within());
        Assert.Equal(2, system.DeadLetters.Count);
    }

    [Fact]
    public void Reading_an_address_without_a_system_fails_clearly()
    {
        byte[] bytes = MessagePackSerializer.ConvertFromJson("""{"Id":1,"ActorType":"X"}""");
        var exception = Assert.Throws<MessagePackSerializationException>(
            () => MessagePackSerializer.Deserialize<Address>(bytes, ActorMessagePack.CreateOptions()));
        Assert.Contains("ActorMessagePack.CreateOptions(system)", exception.InnerException?.Message ?? exception.Message);
    }
}
