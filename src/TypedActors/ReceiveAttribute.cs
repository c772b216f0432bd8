namespace TypedActors;

/// <summary>
/// Marks a method of an <see cref="Actor"/> as the handler of one message type: the type of its first parameter.
/// The method may take a trailing <see cref="CancellationToken"/> (cancelled when the actor is killed) and return
/// <c>void</c>, <see cref="Task"/>, <see cref="ValueTask"/>, <c>T</c>, <see cref="Task{T}"/> or
/// <see cref="ValueTask{T}"/>; the returned value is the reply to an <c>Ask</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ReceiveAttribute : Attribute
{
}
