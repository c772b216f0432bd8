namespace TypedActors.State;

/// <summary>
/// Bounds on a state snapshot, so that no actor state, however large, deep or cyclic, can exhaust the stack or the
/// memory of the process that reads it. Values nested deeper than <see cref="MaxDepth"/> and references back to an
/// object being written are replaced by markers; a snapshot larger than <see cref="MaxBytes"/> fails with
/// <see cref="StateTooLargeException"/> as soon as it passes the limit.
/// </summary>
public sealed class ActorStateLimits
{
    /// <summary>The largest <see cref="MaxDepth"/>: deep enough for any real state, shallow enough for any thread's stack.</summary>
    public const int DepthCeiling = 256;

    /// <summary>The marker key written in place of a value nested deeper than <see cref="MaxDepth"/>: <c>{ "$tooDeep": true }</c>.</summary>
    public const string TooDeepKey = "$tooDeep";

    /// <summary>The marker key written in place of a reference back to an object being written: <c>{ "$cycle": true }</c>.</summary>
    public const string CycleKey = "$cycle";

    private readonly int _maxDepth = 32;
    private readonly int _maxBytes = 1024 * 1024;

    /// <summary>The limits used when none are given: depth 32, 1 MiB.</summary>
    public static ActorStateLimits Default { get; } = new();

    /// <summary>
    /// How many levels a field's value may nest (default 32; 1 to <see cref="DepthCeiling"/>). A field is level 1, an item
    /// of a list field level 2, and so on; a value below the limit is written as <c>{ "$tooDeep": true }</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 to <see cref="DepthCeiling"/>.</exception>
    public int MaxDepth
    {
        get => _maxDepth;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, DepthCeiling);
            _maxDepth = value;
        }
    }

    /// <summary>The largest snapshot in MessagePack bytes (default 1 MiB); a larger one fails with <see cref="StateTooLargeException"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxBytes
    {
        get => _maxBytes;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxBytes = value;
        }
    }
}
