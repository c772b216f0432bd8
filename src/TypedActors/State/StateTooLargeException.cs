namespace TypedActors.State;

/// <summary>
/// Thrown (through the task of <see cref="ActorState.CaptureAsync"/>)
/// when an actor's state snapshot would be larger than <see cref="ActorStateLimits.MaxBytes"/>. Writing stops at the
/// limit, so the oversized snapshot is never held in memory. The actor itself is not affected.
/// </summary>
public sealed class StateTooLargeException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public StateTooLargeException(int maxBytes)
        : base($"The state snapshot is larger than {maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes.") =>
        MaxBytes = maxBytes;

    /// <summary>The limit the snapshot passed.</summary>
    public int MaxBytes { get; }
}
