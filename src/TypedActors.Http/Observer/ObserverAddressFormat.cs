using MessagePack;
using TypedActors.Copying.Serialization;

namespace TypedActors.Http.Observer;

/// <summary>
/// How addresses inside an actor's state appear on the observer page: <c>{"$actor": "Counter", "handle": "…"}</c>, the
/// class and the observer's handle of a live local actor (which the page can open), or just the class for any other
/// actor. Never an internal id: the default wire format resolves those, and the page must not show what could be
/// replayed elsewhere. The observer only writes state; reading an address is refused.
/// </summary>
internal sealed class ObserverAddressFormat(NodeObservation observation) : AddressWireFormat
{
    public override void Write(ref MessagePackWriter writer, Address address)
    {
        string? handle = observation.HandleOf(address);
        writer.WriteMapHeader(handle is null ? 1 : 2);
        writer.Write("$actor");
        writer.Write(ObserverNames.Of(address.ActorType));
        if (handle is not null)
        {
            writer.Write("handle");
            writer.Write(handle);
        }
    }

    public override Address Read(ref MessagePackReader reader, Type expectedType) =>
        throw new MessagePackSerializationException("The observer reads no addresses.");
}
