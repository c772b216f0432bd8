namespace TypedActors.Orleans;

/// <summary>An actor in another process could not be reached (its silo is down or unreachable).</summary>
public sealed class ActorUnreachableException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public ActorUnreachableException(Address actor, Exception? innerException)
        : base($"Actor {actor} could not be reached{(innerException is null ? "." : ": " + innerException.Message)}", innerException)
    {
        Actor = actor;
    }

    /// <summary>The actor.</summary>
    public Address Actor { get; }
}

/// <summary>
/// The handler of an actor in another process threw while answering an <c>Ask</c>. The original exception stays in
/// that process; its type name, message and stack trace cross as text, as in an <see cref="ExitReason"/>.
/// </summary>
public sealed class RemoteActorException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public RemoteActorException(Address actor, string? exceptionType, string? message, string? remoteStackTrace)
        : base($"{actor} failed: {exceptionType}: {message}")
    {
        Actor = actor;
        ExceptionType = exceptionType;
        RemoteMessage = message;
        RemoteStackTrace = remoteStackTrace;
    }

    /// <summary>The actor whose handler threw.</summary>
    public Address Actor { get; }

    /// <summary>The full name of the exception's type.</summary>
    public string? ExceptionType { get; }

    /// <summary>The exception's message.</summary>
    public string? RemoteMessage { get; }

    /// <summary>The exception's stack trace in the remote process.</summary>
    public string? RemoteStackTrace { get; }
}
