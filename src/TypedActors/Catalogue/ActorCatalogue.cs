namespace TypedActors.Catalogue;

/// <summary>
/// The messages an actor class handles, by name. A message is named by its type's simple name (<c>Deposit</c>), matched
/// case-insensitively; when two handled types share a simple name, both are named by their full names instead, so no
/// name is ambiguous.
/// </summary>
public sealed class ActorCatalogue
{
    private readonly Dictionary<string, MessageDescriptor> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a catalogue of <paramref name="messages"/>.</summary>
    /// <exception cref="ArgumentException">Two descriptors have the same message type.</exception>
    public ActorCatalogue(params MessageDescriptor[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Select(m => m.MessageType).Distinct().Count() != messages.Length)
        {
            throw new ArgumentException("Each message type may be described once.", nameof(messages));
        }

        Messages = messages;
        foreach (IGrouping<string, MessageDescriptor> sameName in messages.GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase))
        {
            if (sameName.Count() == 1)
            {
                _byName.Add(sameName.Key, sameName.First());
                continue;
            }

            foreach (MessageDescriptor message in sameName)
            {
                _byName.Add(message.MessageType.FullName ?? message.Name, message);
            }
        }
    }

    /// <summary>Every described message, in declaration order.</summary>
    public IReadOnlyList<MessageDescriptor> Messages { get; }

    /// <summary>The names messages are found by.</summary>
    public IEnumerable<string> Names => _byName.Keys;

    /// <summary>Finds a message by name (case-insensitive).</summary>
    public bool TryFind(string name, [NotNullWhen(true)] out MessageDescriptor? message) => _byName.TryGetValue(name, out message);
}
