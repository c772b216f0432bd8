namespace TypedActors;

/// <summary>An error the runtime observed and reported without failing anything else, e.g. an exception thrown by <c>OnStopped</c>.</summary>
/// <param name="Actor">The actor whose code threw.</param>
/// <param name="Exception">The exception.</param>
/// <param name="Context">Where it happened, e.g. <c>OnStopped</c>.</param>
public sealed record ActorError(Address Actor, Exception Exception, string Context);
