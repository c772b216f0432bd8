namespace TypedActors.Benchmarks.Copying;

/// <summary>A message type the copy benchmarks copy: it provides a sample instance and its hand-written copy.</summary>
public interface ICopySample<TSelf>
    where TSelf : class, ICopySample<TSelf>
{
    /// <summary>A representative instance.</summary>
    static abstract TSelf CreateSample();

    /// <summary>
    /// The least a correct copy has to do, written by hand: a new object graph for a mutable message, the same
    /// instance for an immutable one.
    /// </summary>
    TSelf CopyByHand();
}
