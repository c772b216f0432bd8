namespace TypedActors;

/// <summary>
/// A typed reference to an actor of class <typeparamref name="TActor"/>. Cheap to copy, equatable and printable.
/// <c>Tell</c> and <c>Ask</c> are generated as extension methods for exactly the message types
/// <typeparamref name="TActor"/> has <see cref="ReceiveAttribute">[Receive]</see> handlers for, with the reply type
/// taken from the handler, so a message the actor cannot handle does not compile.
/// </summary>
public readonly struct ActorRef<TActor> : IEquatable<ActorRef<TActor>>
    where TActor : Actor
{
    internal ActorRef(Address address) => Address = address;

    /// <summary>The untyped address of the actor.</summary>
    public Address Address { get; }

    /// <summary>True for <c>default(ActorRef&lt;TActor&gt;)</c>, which points at no actor.</summary>
    public bool IsEmpty => Address.IsEmpty;

    /// <summary>True once the actor has terminated.</summary>
    public bool IsDead => Address.IsDead;

    /// <summary>Completes with the reason once the actor has terminated. Never faults.</summary>
    public Task<ExitReason> Completion => Address.Completion;

    /// <summary>Asks the actor to stop after its current message. Messages still queued become dead letters.</summary>
    public void Stop() => Address.Stop();

    /// <summary>Kills the actor. See <see cref="TypedActors.Address.Kill"/>.</summary>
    public void Kill() => Address.Kill();

    /// <summary>
    /// Turns an untyped address into a typed reference, checking that the actor is a <typeparamref name="TActor"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The address is empty or points at an actor of another class.</exception>
    public static ActorRef<TActor> From(Address address)
    {
        if (address.IsEmpty)
        {
            throw new ArgumentException("The address is empty.", nameof(address));
        }

        Type actual = address.ActorType;
        if (actual != typeof(TActor) && !typeof(TActor).IsAssignableFrom(actual))
        {
            throw new ArgumentException($"{address} is a {actual.Name}, not a {typeof(TActor).Name}.", nameof(address));
        }

        return new ActorRef<TActor>(address);
    }

    /// <summary>The untyped address of a typed reference.</summary>
    public static implicit operator Address(ActorRef<TActor> reference) => reference.Address;

    /// <inheritdoc />
    public bool Equals(ActorRef<TActor> other) => Address.Equals(other.Address);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorRef<TActor> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Address.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => Address.ToString();

    /// <summary>Compares two references.</summary>
    public static bool operator ==(ActorRef<TActor> left, ActorRef<TActor> right) => left.Equals(right);

    /// <summary>Compares two references.</summary>
    public static bool operator !=(ActorRef<TActor> left, ActorRef<TActor> right) => !left.Equals(right);
}
