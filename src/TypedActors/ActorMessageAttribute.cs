namespace TypedActors;

/// <summary>
/// Marks a type as an actor message although no <see cref="ReceiveAttribute">[Receive]</see> handler takes it, so the
/// generator writes its copier and MessagePack formatter anyway. Use it for messages that only cross a boundary, such as
/// the creation message of an actor kind the HTTP gateway spawns.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class ActorMessageAttribute : Attribute
{
}
