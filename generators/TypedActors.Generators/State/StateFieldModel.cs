namespace TypedActors.Generators.State;

/// <summary>
/// One member of the actor's own state snapshot: the key it is written under, the member expression that reads it
/// (a field or a property) and its declared type.
/// </summary>
internal sealed record StateFieldModel(string Key, string Member, string Type);
