using MessagePack;
using MessagePack.Formatters;
using TypedActors.Remoting;

namespace TypedActors.Copying.Serialization;

/// <summary>
/// An address travels as an address: a map <c>{ "Id": long, "ActorType": string }</c>. Reading one resolves the id
/// against the live <see cref="ActorMessagePackOptions.System"/>; an id that is not (or no longer) alive yields an
/// address whose messages become dead letters, just like the address of an actor that has stopped. In a cluster the
/// map also carries <c>"Cluster": string</c>, the actor's cluster-wide key, which the reading system resolves instead.
/// Options with an <see cref="ActorMessagePackOptions.AddressFormat"/> use that format instead, in both directions.
/// </summary>
public sealed class AddressFormatter : IMessagePackFormatter<Address>
{
    /// <summary>The single instance.</summary>
    public static readonly AddressFormatter Instance = new();

    private AddressFormatter()
    {
    }

    /// <inheritdoc />
    public void Serialize(ref MessagePackWriter writer, Address value, MessagePackSerializerOptions options)
    {
        if (value.IsEmpty)
        {
            writer.WriteNil();
            return;
        }

        if ((options as ActorMessagePackOptions)?.AddressFormat is { } format)
        {
            format.Write(ref writer, value);
            return;
        }

        ActorProcess process = value.Process!;
        string? clusterKey = process.ClusterKey ?? process.System.Remoting?.Export(process);
        writer.WriteMapHeader(clusterKey is null ? 2 : 3);
        writer.Write("Id");
        writer.Write(value.Id);
        writer.Write("ActorType");
        writer.Write(value.ActorType.FullName);
        if (clusterKey is not null)
        {
            writer.Write("Cluster");
            writer.Write(clusterKey);
        }
    }

    /// <inheritdoc />
    public Address Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        Read(ref reader, options, typeof(Actor));

    /// <summary>Reads an address; an unknown id becomes a dead-lettering address of <paramref name="expectedType"/>.</summary>
    internal static Address Read(ref MessagePackReader reader, MessagePackSerializerOptions options, Type expectedType)
    {
        if ((options as ActorMessagePackOptions)?.AddressFormat is { } format)
        {
            return format.Read(ref reader, expectedType);
        }

        if (reader.TryReadNil())
        {
            return default;
        }

        long? id = null;
        string? actorType = null;
        string? clusterKey = null;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            string? key = reader.ReadString();
            if (string.Equals(key, "Id", StringComparison.OrdinalIgnoreCase))
            {
                id = reader.ReadInt64();
            }
            else if (string.Equals(key, "ActorType", StringComparison.OrdinalIgnoreCase))
            {
                actorType = reader.ReadString();
            }
            else if (string.Equals(key, "Cluster", StringComparison.OrdinalIgnoreCase))
            {
                clusterKey = reader.ReadString();
            }
            else
            {
                reader.Skip();
            }
        }

        if (id is null)
        {
            throw new MessagePackSerializationException("An actor address has no 'Id'.");
        }

        ActorSystem system = (options as ActorMessagePackOptions)?.System
            ?? throw new MessagePackSerializationException(
                "Reading an actor address needs an actor system to resolve it in: use ActorMessagePack.CreateOptions(system).");
        if (clusterKey is not null && system.Remoting is { } remoting)
        {
            return remoting.Resolve(clusterKey, expectedType, actorType);
        }

        return system.TryGetActor(id.Value, out Address address)
            ? address
            : new Address(new UnresolvedActorProcess(system, id.Value, expectedType));
    }
}
