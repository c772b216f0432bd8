namespace TypedActors;

/// <summary>
/// Puts a non-public field or property of an actor into its state snapshot. By default a snapshot (what
/// <see cref="State.ActorState.CaptureAsync"/>
/// takes and the HTTP gateway returns for <c>GET</c>) holds only the actor's public fields and properties, so private
/// data such as keys and passwords stays private unless a member is marked.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class StateAttribute : Attribute
{
}
