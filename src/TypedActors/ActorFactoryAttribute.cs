namespace TypedActors;

/// <summary>
/// Marks a delegate parameter whose argument creates an actor and is only ever called inside <c>Spawn</c> (for example
/// the creation function of a gateway's exposed kind). The analyzers then accept <c>new</c> of an actor in a lambda
/// passed there, as they do in a lambda passed to <c>Spawn</c> itself (TA1005).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class ActorFactoryAttribute : Attribute
{
}
