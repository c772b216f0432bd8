namespace TypedActors;

/// <summary>
/// Leaves a public field or property of an actor out of its state snapshot: the generated snapshot that
/// <see cref="State.ActorState.CaptureAsync"/>
/// takes (and the HTTP gateway returns for <c>GET</c>) skips it. Non-public members are left out unless marked
/// <see cref="StateAttribute">[State]</see>; this attribute wins over that one.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class NotStateAttribute : Attribute
{
}
