namespace TypedActors.Generators.Shared;

/// <summary>How a handler returns (see <see cref="ActorShape.Returns"/>).</summary>
internal enum ReturnKind
{
    Void,
    Value,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}
