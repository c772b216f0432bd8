using Orleans.Runtime;
using TypedActors.Orleans.Grains;

namespace TypedActors.Orleans;

/// <summary>
/// The cluster-wide identity of an actor, as it travels in addresses: <c>a:{grain id}</c> for an actor hosted by an
/// actor grain, <c>n:{node id}#{local id}</c> for a local actor reached through its process's node endpoint. A durable
/// actor's grain key names its persistence id (see <see cref="DurableGrainKey"/>): <see cref="IsDurable"/>.
/// </summary>
internal readonly record struct ClusterKey(GrainId Grain, long LocalId, bool IsNode, bool IsDurable = false)
{
    private const string GrainPrefix = "a:";
    private const string NodePrefix = "n:";

    public static string ForGrain(GrainId grain) => GrainPrefix + grain.ToString();

    public static string ForNode(GrainId node, long localId) => $"{NodePrefix}{node}#{localId}";

    /// <exception cref="FormatException">The text is not a cluster key.</exception>
    public static ClusterKey Parse(string key)
    {
        if (key.StartsWith(GrainPrefix, StringComparison.Ordinal))
        {
            var grain = GrainId.Parse(key[GrainPrefix.Length..]);
            return new ClusterKey(grain, 0, IsNode: false, DurableGrainKey.TryParse(grain.Key.ToString(), out _, out _));
        }

        int hash = key.LastIndexOf('#');
        if (key.StartsWith(NodePrefix, StringComparison.Ordinal) && hash > NodePrefix.Length
            && long.TryParse(key.AsSpan(hash + 1), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long id))
        {
            return new ClusterKey(GrainId.Parse(key[NodePrefix.Length..hash]), id, IsNode: true);
        }

        throw new FormatException($"'{key}' is not a TypedActors cluster address.");
    }
}
