namespace TypedActors;

/// <summary>Thrown when a message (or an <c>Ask</c> reply) cannot be copied for the receiving actor.</summary>
public class MessageCopyException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public MessageCopyException(Type messageType, string message, Exception? innerException = null)
        : base(message, innerException) => MessageType = messageType;

    /// <summary>The type that could not be copied.</summary>
    public Type MessageType { get; }
}

/// <summary>
/// Thrown when a message is sent whose type has no generated copier: no actor in the program handles that type (or a
/// type containing it), so the generator never saw it. The message is not delivered rather than shared.
/// </summary>
public sealed class MessageNotCopyableException : MessageCopyException
{
    /// <summary>Creates the exception.</summary>
    public MessageNotCopyableException(Type messageType)
        : base(messageType,
            $"Messages of type {messageType.FullName} cannot be copied: no generated copier is registered for it. " +
            "Copiers are generated for the message and reply types of [Receive] handlers and every type they contain; " +
            "send a type some actor handles, or mark the type [Immutable] if it never changes.")
    {
    }
}

/// <summary>
/// Thrown when a message refers back to itself (a reference cycle) or nests deeper than
/// <see cref="CompilerServices.CycleGuard.MaxDepth"/> levels. Messages must be trees; see docs/copying.md.
/// </summary>
public sealed class MessageCycleException : MessageCopyException
{
    /// <summary>Creates the exception.</summary>
    public MessageCycleException(Type messageType, string message)
        : base(messageType, message)
    {
    }
}
