namespace TypedActors;

/// <summary>
/// Delivered to an actor that sets <c>TrapExits = true</c> when an actor linked to it terminates, for any reason
/// (instead of dying with it).
/// </summary>
/// <param name="Who">The linked actor that terminated.</param>
/// <param name="Reason">Why it terminated.</param>
public sealed record Exited(Address Who, ExitReason Reason);

/// <summary>Delivered exactly once to each actor monitoring an actor that terminated, for any reason.</summary>
/// <param name="Who">The monitored actor.</param>
/// <param name="Reason">Why it terminated.</param>
public sealed record Down(Address Who, ExitReason Reason);
