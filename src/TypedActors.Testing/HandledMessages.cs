using TypedActors.Catalogue;

namespace TypedActors.Testing;

/// <summary>
/// The messages an actor class handles, as its generated catalogue describes them: what a probe standing for it can
/// be expected to receive, and what each ask must be answered with. The TA1010 and TA1011 analyzers check the same at
/// compile time; these checks catch what they cannot see (a test built without the analyzers, a type decided at run
/// time).
/// </summary>
internal static class HandledMessages<TActor>
    where TActor : Actor, IActorCatalogue
{
    private static readonly ActorCatalogue s_catalogue = TActor.DescribeMessages();

    /// <summary>
    /// Fails unless <paramref name="expected"/> can arrive at a <typeparamref name="TActor"/>: a handled type, one that
    /// derives from one, or one that handled types derive from; <see cref="Exited"/> and <see cref="Down"/>, which any
    /// actor may get, are always allowed.
    /// </summary>
    public static void CheckExpectable(Type expected, string expectation)
    {
        if (expected == typeof(Exited) || expected == typeof(Down)
            || s_catalogue.Messages.Any(m => m.MessageType.IsAssignableFrom(expected) || expected.IsAssignableFrom(m.MessageType)))
        {
            return;
        }

        throw new ActorTestException(
            $"{expectation}: {typeof(TActor).Name} has no [Receive] handler for {expected.Name}, so nothing can send it one " +
            $"through an ActorRef<{typeof(TActor).Name}>. It handles {HandledNames()} (TA1010).");
    }

    /// <summary>The handler of <paramref name="messageType"/>: the described type closest to it.</summary>
    public static MessageDescriptor? HandlerOf(Type messageType) =>
        s_catalogue.Messages.FirstOrDefault(m => m.MessageType == messageType)
        ?? s_catalogue.Messages.FirstOrDefault(m => m.MessageType.IsAssignableFrom(messageType));

    private static string HandledNames() =>
        s_catalogue.Messages.Count == 0 ? "no message types" : string.Join(", ", s_catalogue.Messages.Select(m => m.MessageType.Name).Order(StringComparer.Ordinal));
}
