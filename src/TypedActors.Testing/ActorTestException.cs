namespace TypedActors.Testing;

/// <summary>
/// An expectation of an <see cref="ActorTestKit"/> or a <see cref="TestProbe{TActor}"/> that did not hold, or a system
/// that did not become idle. The message says what was expected, what arrived instead (in order) and the state of the
/// actors under test. Every test framework reports an exception as a failed test, so the kit needs none of them.
/// </summary>
public sealed class ActorTestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ActorTestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the exception that caused it.</summary>
    public ActorTestException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
