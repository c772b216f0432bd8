namespace TypedActors;

/// <summary>
/// Raised inside an actor that is being killed: by a pending or later <c>Receive</c>, and observed through the
/// cancelled <c>StoppingToken</c>. The actor may catch it to clean up (<c>finally</c> blocks run), but a kill is final:
/// the actor dies with reason <see cref="ExitKind.Killed"/> whatever it does.
/// </summary>
public sealed class KilledException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public KilledException(Address actor)
        : base($"Actor {actor} was killed.")
    {
        Actor = actor;
    }

    /// <summary>The killed actor.</summary>
    public Address Actor { get; }
}

/// <summary>
/// Faults an <c>Ask</c> whose request was taken by the recipient's selective <c>Receive</c> instead of a handler, so it
/// will never be answered. Send such messages with <c>Tell</c>.
/// </summary>
public sealed class RequestNotAnsweredException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public RequestNotAnsweredException(Address actor, Type messageType)
        : base($"The {messageType.Name} asked of {actor} was taken by a selective Receive and will not be answered; send it with Tell instead.")
    {
        Actor = actor;
        MessageType = messageType;
    }

    /// <summary>The actor that took the request.</summary>
    public Address Actor { get; }

    /// <summary>The request's type.</summary>
    public Type MessageType { get; }
}
