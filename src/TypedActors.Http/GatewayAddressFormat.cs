using System.Collections.Concurrent;
using MessagePack;
using TypedActors.Copying.Serialization;

namespace TypedActors.Http;

/// <summary>
/// How addresses cross the gateway: an actor the gateway exposes is written and read as <c>{ "kind": "accounts",
/// "id": "a1" }</c>, the same names its URL uses; any other actor is written as the opaque marker
/// <c>{ "$unexposed": true }</c>. Reading accepts only the first form, naming a live actor of an exposed kind, so a
/// client can pass on an address only when it could reach that actor through the gateway anyway (nil, which names no
/// actor, is refused for an address field that is not nullable). Numeric ids and type names never appear in either
/// direction.
/// </summary>
internal sealed class GatewayAddressFormat : AddressWireFormat
{
    public const string UnexposedKey = "$unexposed";

    private readonly IReadOnlyDictionary<string, ExposedKind> _kinds;
    private readonly ConcurrentDictionary<Address, ActorName> _names = new();

    public GatewayAddressFormat(IReadOnlyDictionary<string, ExposedKind> kinds) => _kinds = kinds;

    /// <summary>Records the name of an actor the gateway spawned, so that writing its address shows that name.</summary>
    public void Name(Address address, string kind, string id) => _names[address] = new ActorName(kind, id);

    /// <summary>Forgets the name of an actor that died.</summary>
    public void Forget(Address address) => _names.TryRemove(address, out _);

    public override void Write(ref MessagePackWriter writer, Address address)
    {
        if (_names.TryGetValue(address, out ActorName? name) && !address.IsDead)
        {
            writer.WriteMapHeader(2);
            writer.Write("kind");
            writer.Write(name.Kind);
            writer.Write("id");
            writer.Write(name.Id);
            return;
        }

        writer.WriteMapHeader(1);
        writer.Write(UnexposedKey);
        writer.Write(true);
    }

    public override Address Read(ref MessagePackReader reader, Type expectedType)
    {
        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            throw Invalid();
        }

        string? kindName = null;
        string? id = null;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            string? key = reader.NextMessagePackType == MessagePackType.String ? reader.ReadString() : null;
            if (string.Equals(key, "kind", StringComparison.OrdinalIgnoreCase) && kindName is null
                && reader.NextMessagePackType == MessagePackType.String)
            {
                kindName = reader.ReadString();
            }
            else if (string.Equals(key, "id", StringComparison.OrdinalIgnoreCase) && id is null
                && reader.NextMessagePackType == MessagePackType.String)
            {
                id = reader.ReadString();
            }
            else
            {
                throw Invalid(); // anything else, a numeric "Id" included, is not an address here
            }
        }

        if (kindName is null || id is null || !_kinds.TryGetValue(kindName, out ExposedKind? kind)
            || !kind.TryGetLive(id, out Address address) || !expectedType.IsAssignableFrom(address.ActorType))
        {
            throw Invalid();
        }

        return address;
    }

    /// <summary>One message for every rejected address, so that probing addresses tells nothing about what lives where.</summary>
    private static MessagePackSerializationException Invalid() =>
        new("An address is written {\"kind\": ..., \"id\": ...} and names a live actor of an exposed kind that fits the field.");

    private sealed record ActorName(string Kind, string Id);
}
