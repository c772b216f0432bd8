namespace TypedActors.Introspection;

/// <summary>
/// An actor whose handler, hook or linked actor failed, published on <see cref="ActorSystem.Failures"/> as its instance
/// ends (a supervisor may restart it under the same address afterwards).
/// </summary>
/// <param name="Actor">The actor that failed.</param>
/// <param name="Reason">Why: <see cref="ExitKind.Failed"/>, with the exception's type, message and stack trace.</param>
/// <param name="Time">When, by the system's <see cref="ActorSystemOptions.TimeProvider"/>.</param>
public sealed record ActorFailure(Address Actor, ExitReason Reason, DateTimeOffset Time);
