using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;

namespace TypedActors.Copying.Serialization;

/// <summary>MessagePack options for actor messages: the wire format the gateway and remoting use.</summary>
public static class ActorMessagePack
{
    /// <summary>
    /// Creates options that serialize every generated message type. Addresses and actor references in deserialized
    /// messages are resolved against <paramref name="system"/>; without a system they can be written but not read.
    /// </summary>
    public static ActorMessagePackOptions CreateOptions(ActorSystem? system = null) => new(system);
}

/// <summary>MessagePack options that carry the <see cref="ActorSystem"/> addresses are resolved against.</summary>
public sealed class ActorMessagePackOptions : MessagePackSerializerOptions
{
    private static readonly IFormatterResolver s_resolver = CompositeResolver.Create(
        [WireDecimalFormatter.Instance, new StaticNullableFormatter<decimal>(WireDecimalFormatter.Instance)], // numbers read too
        [
            BuiltinResolver.Instance, // primitives, strings, byte[], DateTime...: fixed formatters, no dynamic code
            MessageFormatterResolver.Instance, // generated message formatters
            StandardResolver.Instance, // [MessagePackObject] types use MessagePack's own path
        ]);

    internal ActorMessagePackOptions(ActorSystem? system)
        : base(s_resolver)
    {
        System = system;
    }

    private ActorMessagePackOptions(ActorMessagePackOptions copyFrom)
        : base(copyFrom)
    {
        System = copyFrom.System;
        RejectUnknownMembers = copyFrom.RejectUnknownMembers;
        AddressFormat = copyFrom.AddressFormat;
    }

    /// <summary>The system deserialized addresses point into; null when addresses cannot be read.</summary>
    public ActorSystem? System { get; }

    /// <summary>
    /// When true, generated formatters fail with <see cref="MessageMemberException"/> on a key that names no member,
    /// instead of skipping it as written by a newer version of the type. Gateways use it so that a misspelt field is
    /// an error rather than a silently defaulted member.
    /// </summary>
    public bool RejectUnknownMembers { get; private set; }

    /// <summary>Returns a copy of these options with <see cref="RejectUnknownMembers"/> set.</summary>
    public ActorMessagePackOptions WithRejectUnknownMembers(bool value)
    {
        if (RejectUnknownMembers == value)
        {
            return this;
        }

        var copy = (ActorMessagePackOptions)Clone();
        copy.RejectUnknownMembers = value;
        return copy;
    }

    /// <summary>How addresses are written and read with these options; null for the default <c>{ "Id", "ActorType" }</c> map.</summary>
    public AddressWireFormat? AddressFormat { get; private set; }

    /// <summary>Returns a copy of these options that writes and reads addresses with <paramref name="format"/>.</summary>
    public ActorMessagePackOptions WithAddressFormat(AddressWireFormat? format)
    {
        if (AddressFormat == format)
        {
            return this;
        }

        var copy = (ActorMessagePackOptions)Clone();
        copy.AddressFormat = format;
        return copy;
    }

    /// <inheritdoc />
    protected override MessagePackSerializerOptions Clone() => new ActorMessagePackOptions(this);
}
