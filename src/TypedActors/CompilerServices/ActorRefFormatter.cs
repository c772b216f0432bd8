using System.ComponentModel;
using MessagePack;
using MessagePack.Formatters;
using TypedActors.Copying.Serialization;

namespace TypedActors.CompilerServices;

/// <summary>
/// A typed actor reference travels as its address; reading checks the actor's class. Generated formatters use it for
/// members of type <c>ActorRef&lt;TActor&gt;</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ActorRefFormatter<TActor> : IMessagePackFormatter<ActorRef<TActor>>
    where TActor : Actor
{
    /// <inheritdoc />
    public void Serialize(ref MessagePackWriter writer, ActorRef<TActor> value, MessagePackSerializerOptions options) =>
        AddressFormatter.Instance.Serialize(ref writer, value.Address, options);

    /// <inheritdoc />
    public ActorRef<TActor> Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        Address address = AddressFormatter.Read(ref reader, options, typeof(TActor));
        if (!address.IsEmpty && !typeof(TActor).IsAssignableFrom(address.ActorType))
        {
            throw new MessagePackSerializationException(
                $"The address {address} is a {address.ActorType.Name}, not a {typeof(TActor).Name}.");
        }

        return new ActorRef<TActor>(address);
    }
}
