namespace TypedActors;

/// <summary>
/// Marks the method of a <see cref="PersistentAttribute">[Persistent]</see> actor that applies one type of event to its
/// fields: <c>[Apply] void Apply(Deposited e) => _balance += e.Amount;</c>. It runs after the event is durable, and again
/// for every stored event when the actor recovers, so it must only change the actor's fields: a synchronous
/// <c>void</c> method of one parameter that sends, spawns, awaits and persists nothing (the analyzers check this).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ApplyAttribute : Attribute
{
}
