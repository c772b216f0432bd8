using MessagePack;

namespace TypedActors.Copying.Serialization;

/// <summary>
/// Replaces how addresses (and actor references) are written and read, for options that cross a trust boundary. By
/// default an address travels as <c>{ "Id", "ActorType" }</c> and reading resolves the id against the live system,
/// which suits a trusted wire; a gateway facing untrusted clients installs its own format with
/// <see cref="ActorMessagePackOptions.WithAddressFormat"/> so that only the actors it exposes can be named, and only by
/// the names it gave them.
/// </summary>
public abstract class AddressWireFormat
{
    /// <summary>Writes a non-empty address.</summary>
    public abstract void Write(ref MessagePackWriter writer, Address address);

    /// <summary>
    /// Reads an address that is to name an actor of class <paramref name="expectedType"/> (or a subclass), nil
    /// included: a format decides whether the empty address is acceptable (a nullable address field reads nil before
    /// this is called). Throws <see cref="MessagePackSerializationException"/> for anything it does not accept.
    /// </summary>
    public abstract Address Read(ref MessagePackReader reader, Type expectedType);
}
