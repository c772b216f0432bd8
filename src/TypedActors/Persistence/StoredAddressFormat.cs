using MessagePack;
using TypedActors.Cell;
using TypedActors.Copying.Serialization;

namespace TypedActors.Persistence;

/// <summary>
/// How an address inside a stored event or snapshot is written and read. Actor ids are numbers a process hands out and
/// forgets when it ends, so a stored id would name some unrelated actor after a restart. A stored address therefore
/// names its actor by persistence id, <c>{ "PersistenceId": "account-42", "ActorType": "Bank.Account" }</c>, and
/// reading finds the live actor of that id in the system; the address of an actor that has no persistence id is
/// stored as <c>{ "ActorType": ... }</c> alone and reads, as does an id no live actor owns, as the address of a dead
/// actor (messages become dead letters).
/// </summary>
internal sealed class StoredAddressFormat(ActorSystem system) : AddressWireFormat
{
    private const string PersistenceIdKey = "PersistenceId";
    private const string ActorTypeKey = "ActorType";

    public override void Write(ref MessagePackWriter writer, Address address)
    {
        string? persistenceId = (address.Process as ActorCell)?.Persistence?.PersistenceId;
        writer.WriteMapHeader(persistenceId is null ? 1 : 2);
        if (persistenceId is not null)
        {
            writer.Write(PersistenceIdKey);
            writer.Write(persistenceId);
        }

        writer.Write(ActorTypeKey);
        writer.Write(address.ActorType.FullName);
    }

    public override Address Read(ref MessagePackReader reader, Type expectedType)
    {
        if (reader.TryReadNil())
        {
            return default;
        }

        string? persistenceId = null;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            if (string.Equals(reader.ReadString(), PersistenceIdKey, StringComparison.Ordinal))
            {
                persistenceId = reader.ReadString();
            }
            else
            {
                reader.Skip();
            }
        }

        return persistenceId is not null && system.TryGetPersistent(persistenceId, out ActorCell cell) && expectedType.IsAssignableFrom(cell.ActorType)
            ? cell.Address
            : new Address(new UnresolvedActorProcess(system, 0, expectedType));
    }
}
