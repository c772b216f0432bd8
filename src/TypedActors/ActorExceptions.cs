namespace TypedActors;

/// <summary>The base class of the exceptions TypedActors throws.</summary>
public class ActorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ActorException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>Thrown by <c>Ask</c> when the target actor is dead, or dies before it handles the request.</summary>
public sealed class DeadActorException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public DeadActorException(Address actor, ExitReason? reason)
        : base(reason is null ? $"Actor {actor} is dead." : $"Actor {actor} is dead ({reason}).")
    {
        Actor = actor;
        Reason = reason;
    }

    /// <summary>The dead actor.</summary>
    public Address Actor { get; }

    /// <summary>Why it died, when known.</summary>
    public ExitReason? Reason { get; }
}

/// <summary>Thrown by <c>Ask</c> when the actor has no handler for the message's type.</summary>
public sealed class UnhandledMessageException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public UnhandledMessageException(Address actor, Type messageType)
        : base($"Actor {actor} has no [Receive] handler for messages of type {messageType.FullName}.")
    {
        Actor = actor;
        MessageType = messageType;
    }

    /// <summary>The actor that received the message.</summary>
    public Address Actor { get; }

    /// <summary>The type nobody handles.</summary>
    public Type MessageType { get; }
}

/// <summary>Thrown when an actor cannot be created.</summary>
public sealed class ActorCreationException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public ActorCreationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>Thrown by <c>Ask</c> when the reply does not have the type the caller asked for.</summary>
public sealed class ReplyTypeMismatchException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public ReplyTypeMismatchException(Type expected, Type? actual)
        : base(actual is null
            ? $"The handler returns no value, but the caller asked for a {expected.FullName}."
            : $"The handler replied with a {actual.FullName}, but the caller asked for a {expected.FullName}.")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The reply type the caller asked for.</summary>
    public Type Expected { get; }

    /// <summary>The type the handler replied with; null when it returns no value.</summary>
    public Type? Actual { get; }
}
