using Orleans.Services;

namespace TypedActors.Orleans.Introspection;

/// <summary>
/// One per silo: passes another silo's introspection query (the observer page's) to this silo's
/// <see cref="TypedActors.Introspection.IntrospectionChannel.Responder"/>.
/// </summary>
internal interface IClusterIntrospectionService : IGrainService
{
    /// <summary>The responder's answer, or null when no introspection tool answers on this silo.</summary>
    [return: global::Orleans.Immutable]
    Task<byte[]?> Ask([global::Orleans.Immutable] byte[] query);
}
