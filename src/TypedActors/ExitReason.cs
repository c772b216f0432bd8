namespace TypedActors;

/// <summary>Why an actor terminated.</summary>
public enum ExitKind
{
    /// <summary>The actor stopped normally (it called <c>Stop()</c>, was stopped, or its system shut down).</summary>
    Normal,

    /// <summary>The actor was killed.</summary>
    Killed,

    /// <summary>A handler or lifecycle hook threw an exception the actor did not handle.</summary>
    Failed,

    /// <summary>The actor was already dead when it was looked at.</summary>
    NoProcess,

    /// <summary>The node hosting the actor was lost.</summary>
    NoConnection,
}

/// <summary>
/// The reason an actor terminated. Failure details are kept as text so the reason can cross a network;
/// locally the original exception is available through <see cref="Exception"/>.
/// </summary>
public sealed record ExitReason
{
    /// <summary>A normal stop.</summary>
    public static ExitReason Normal { get; } = new(ExitKind.Normal);

    /// <summary>Killed.</summary>
    public static ExitReason Killed { get; } = new(ExitKind.Killed);

    /// <summary>Already dead when looked at.</summary>
    public static ExitReason NoProcess { get; } = new(ExitKind.NoProcess);

    /// <summary>The hosting node was lost.</summary>
    public static ExitReason NoConnection { get; } = new(ExitKind.NoConnection);

    /// <summary>Creates a reason. Prefer the static members and <see cref="Failed(System.Exception)"/>.</summary>
    public ExitReason(ExitKind kind, string? exceptionType = null, string? message = null, string? stackTrace = null)
    {
        Kind = kind;
        ExceptionType = exceptionType;
        Message = message;
        StackTrace = stackTrace;
    }

    /// <summary>A failure caused by <paramref name="exception"/>.</summary>
    public static ExitReason Failed(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new ExitReason(ExitKind.Failed, exception.GetType().FullName, exception.Message, exception.StackTrace)
        {
            Exception = exception,
        };
    }

    /// <summary>What kind of exit this is.</summary>
    public ExitKind Kind { get; }

    /// <summary>For <see cref="ExitKind.Failed"/>: the full name of the exception's type.</summary>
    public string? ExceptionType { get; }

    /// <summary>For <see cref="ExitKind.Failed"/>: the exception's message.</summary>
    public string? Message { get; }

    /// <summary>For <see cref="ExitKind.Failed"/>: the exception's stack trace, as text.</summary>
    public string? StackTrace { get; }

    /// <summary>The original exception, when the failure happened in this process.</summary>
    public Exception? Exception { get; private init; }

    /// <summary>True for a normal stop; every other kind is abnormal.</summary>
    public bool IsNormal => Kind == ExitKind.Normal;

    /// <summary>e.g. <c>normal</c>, <c>killed</c>, <c>failed: System.InvalidOperationException: disk on fire</c>.</summary>
    public override string ToString() => Kind switch
    {
        ExitKind.Normal => "normal",
        ExitKind.Killed => "killed",
        ExitKind.NoProcess => "noproc",
        ExitKind.NoConnection => "noconnection",
        _ => $"failed: {ExceptionType}: {Message}",
    };

    /// <inheritdoc />
    public bool Equals(ExitReason? other) =>
        other is not null && Kind == other.Kind && ExceptionType == other.ExceptionType && Message == other.Message;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, ExceptionType, Message);
}
