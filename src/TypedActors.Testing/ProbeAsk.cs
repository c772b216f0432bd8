using TypedActors.Catalogue;
using TypedActors.Remoting;

namespace TypedActors.Testing;

/// <summary>
/// An <c>Ask</c> that reached a <see cref="TestProbe{TActor}"/>, taken by <see cref="TestProbe{TActor}.ExpectAskAsync"/>:
/// the test answers it in place of the actor's handler, once, with <see cref="Reply{TReply}"/> (a handler that returns
/// a value), <see cref="Reply()"/> (one that returns none) or <see cref="Fail"/> (one that throws). Until then the
/// asker waits, as it would for a handler that awaits.
/// </summary>
/// <typeparam name="TActor">The actor class the probe stands for.</typeparam>
/// <typeparam name="TRequest">The type the test expected the request to have.</typeparam>
public sealed class ProbeAsk<TActor, TRequest>
    where TActor : Actor, IActorCatalogue
{
    private readonly RemoteAsk _ask;
    private readonly MessageDescriptor? _handler;
    private int _answered;

    internal ProbeAsk(TRequest message, Address? sender, RemoteAsk ask)
    {
        Message = message;
        Sender = sender;
        _ask = ask;
        _handler = HandledMessages<TActor>.HandlerOf(message!.GetType());
    }

    /// <summary>The request: the probe's copy, as a handler would get it.</summary>
    public TRequest Message { get; }

    /// <summary>The actor that asked, when it asked from inside its turn; null for an ask from outside the actors (the test).</summary>
    public Address? Sender { get; }

    /// <summary>True once the test has answered.</summary>
    public bool IsAnswered => Volatile.Read(ref _answered) != 0;

    /// <summary>
    /// Answers with <paramref name="reply"/>, as the handler would return it: the asker gets a copy. The reply's type
    /// must be what <typeparamref name="TActor"/>'s handler of <typeparamref name="TRequest"/> returns (or convert to it
    /// without a conversion operator, as a derived class does): checked by the compiler (TA1011) and here.
    /// </summary>
    /// <exception cref="ActorTestException">
    /// The handler returns another type or nothing, or the ask was answered already.
    /// </exception>
    public void Reply<TReply>(TReply reply)
    {
        Type? expected = _handler?.ReplyType;
        if (expected is null)
        {
            throw new ActorTestException(
                $"{typeof(TActor).Name}'s handler of {MessageName} returns no value: answer this ask with Reply() (TA1011).");
        }

        if (!expected.IsAssignableFrom(typeof(TReply)))
        {
            throw new ActorTestException(
                $"{typeof(TActor).Name}'s handler of {MessageName} returns {expected.Name}, not {typeof(TReply).Name}: " +
                $"the asker would fail with ReplyTypeMismatchException. Reply with a {expected.Name} (TA1011).");
        }

        Answer().CompleteWith(reply);
    }

    /// <summary>Answers an ask of a handler that returns no value: the asker learns that the message was handled.</summary>
    /// <exception cref="ActorTestException">The handler returns a value, or the ask was answered already.</exception>
    public void Reply()
    {
        if (_handler?.ReplyType is { } expected)
        {
            throw new ActorTestException(
                $"{typeof(TActor).Name}'s handler of {MessageName} returns {expected.Name}: answer this ask with Reply(value) (TA1011).");
        }

        Answer().CompleteEmpty();
    }

    /// <summary>Fails the ask with <paramref name="exception"/>, as a handler that throws it: the asker's task throws it.</summary>
    /// <exception cref="ActorTestException">The ask was answered already.</exception>
    public void Fail(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Answer().Fail(exception);
    }

    /// <inheritdoc />
    public override string ToString() => $"ask of {ActorReport.Describe(Message)}{(Sender is { } sender ? $" from {sender}" : "")}";

    private string MessageName => Message!.GetType().Name;

    private RemoteAsk Answer()
    {
        if (Interlocked.Exchange(ref _answered, 1) != 0)
        {
            throw new ActorTestException($"The {this} has been answered already; an ask is answered once.");
        }

        return _ask;
    }
}
