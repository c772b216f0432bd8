using TypedActors.State;

namespace TypedActors.Http.Observer;

/// <summary>
/// How the observer page mapped by <see cref="ActorObserverEndpoints.MapActorsObserver"/> samples the system, what it
/// shows, and whether it may act on actors. Actions are off unless <see cref="EnableActions"/> names the authorization
/// policy they require.
/// </summary>
public sealed class ActorObserverOptions
{
    /// <summary>How often the page is updated while one is connected (default 1 s; 50 ms to 1 minute).</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many of the busiest actors each process reports, by mailbox depth and by message rate (default 20; 1 to 500).</summary>
    public int TopActors { get; set; } = 20;

    /// <summary>How many actor classes each process reports, the most populous first (default 100; 1 to 1,000).</summary>
    public int MaxActorTypes { get; set; } = 100;

    /// <summary>How many of the latest dead letters and failures each process keeps for the page (default 25; 1 to 500).</summary>
    public int RecentEvents { get; set; } = 25;

    /// <summary>How many pages may watch at once (default 8; 1 to 1,000); more get 503 until one closes.</summary>
    public int MaxWatchers { get; set; } = 8;

    /// <summary>The largest page of the supervision tree one request returns (default 200; 1 to 1,000).</summary>
    public int MaxTreePage { get; set; } = 200;

    /// <summary>How long a state snapshot, an action or another process's answer may take (default 5 s).</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest state snapshot shown, in MessagePack bytes (default 256 KiB); a larger state is reported as too large.</summary>
    public int MaxStateBytes { get; set; } = 256 * 1024;

    /// <summary>How deeply a state snapshot nests values before they are written as markers (default 16; 1 to 256).</summary>
    public int MaxStateDepth { get; set; } = 16;

    /// <summary>
    /// When false (the default), an observer whose endpoints carry no authorization policy answers only requests from
    /// the local machine (loopback): it shows exception messages, stack traces and actor state, which are for
    /// operators. Put the endpoints behind a policy (<c>.RequireAuthorization("operators")</c> on what
    /// <see cref="ActorObserverEndpoints.MapActorsObserver"/> returns) to serve it elsewhere, or set this to true to
    /// serve it to anyone.
    /// </summary>
    public bool AllowAnonymousRemote { get; set; }

    /// <summary>The authorization policy the stop and kill actions require, or null while actions are off (the default).</summary>
    public string? ActionsPolicy { get; private set; }

    /// <summary>
    /// Enables the stop and kill buttons and their endpoints, behind the authorization policy <paramref name="policy"/>
    /// (in addition to any policy on the observer as a whole). Users who do not satisfy it see no buttons, and their
    /// requests are refused (401 or 403). In a cluster, enable actions on every process: one refuses actions on its
    /// actors unless it enabled them itself.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="policy"/> is empty.</exception>
    public ActorObserverOptions EnableActions(string policy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policy);
        ActionsPolicy = policy;
        return this;
    }

    internal ActorStateLimits StateLimits => new() { MaxBytes = MaxStateBytes, MaxDepth = MaxStateDepth };

    internal void Validate()
    {
        Check(SampleInterval >= TimeSpan.FromMilliseconds(50) && SampleInterval <= TimeSpan.FromMinutes(1), nameof(SampleInterval), "50 ms to 1 minute");
        Check(TopActors is >= 1 and <= 500, nameof(TopActors), "1 to 500");
        Check(MaxActorTypes is >= 1 and <= 1_000, nameof(MaxActorTypes), "1 to 1,000");
        Check(RecentEvents is >= 1 and <= 500, nameof(RecentEvents), "1 to 500");
        Check(MaxWatchers is >= 1 and <= 1_000, nameof(MaxWatchers), "1 to 1,000");
        Check(MaxTreePage is >= 1 and <= 1_000, nameof(MaxTreePage), "1 to 1,000");
        Check(QueryTimeout > TimeSpan.Zero && QueryTimeout <= TimeSpan.FromMinutes(5), nameof(QueryTimeout), "positive, at most 5 minutes");
        Check(MaxStateBytes >= 1, nameof(MaxStateBytes), "positive");
        Check(MaxStateDepth is >= 1 and <= ActorStateLimits.DepthCeiling, nameof(MaxStateDepth), "1 to 256");
    }

    private static void Check(bool valid, string name, string range)
    {
        if (!valid)
        {
            throw new InvalidOperationException($"ActorObserverOptions.{name} must be {range}.");
        }
    }
}
