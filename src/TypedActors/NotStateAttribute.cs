namespace TypedActors;

/// <summary>
/// Leaves a field (or auto-property) of an actor out of its state snapshot: the generated snapshot that
/// <see cref="State.ActorState.CaptureAsync"/> takes (and the HTTP gateway returns for <c>GET</c>) skips it. Use it for
/// secrets, caches and handles that mean nothing outside the process.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class NotStateAttribute : Attribute
{
}
