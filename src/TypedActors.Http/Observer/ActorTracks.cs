using System.Security.Cryptography;
using TypedActors.Introspection;

namespace TypedActors.Http.Observer;

/// <summary>
/// The observer's names for live actors, and what it remembers of each between two samples. An actor is named by a
/// random handle the observer made up when it first saw it (16 hex digits): never its internal id, which other
/// formats resolve, so a handle is good for nothing but this observer's own requests, and only while it watches.
/// Not thread-safe: the observation calls it under its lock.
/// </summary>
internal sealed class ActorTracks
{
    private readonly Dictionary<Address, Track> _byAddress = [];
    private readonly Dictionary<string, Track> _byHandle = new(StringComparer.Ordinal);
    private int _generation;

    public int Count => _byAddress.Count;

    /// <summary>Starts a sample: tracks not seen again before <see cref="EndSample"/> are forgotten then.</summary>
    public void BeginSample() => _generation++;

    /// <summary>The track of a sampled actor (a new one, with a new handle, the first time) with its message rate.</summary>
    public Track See(in ActorSample sample, long timestamp)
    {
        Track track = TrackOf(sample.Address);
        track.Generation = _generation;
        if (track.SampledAt == 0)
        {
            track.Rate = 0;
        }
        else
        {
            double seconds = (timestamp - track.SampledAt) / (double)System.Diagnostics.Stopwatch.Frequency;
            uint handled = unchecked(sample.MessagesHandled - track.Handled); // the count wraps: see ActorSample
            track.Rate = seconds > 0 ? handled / seconds : track.Rate;
        }

        track.Handled = sample.MessagesHandled;
        track.SampledAt = timestamp;
        return track;
    }

    /// <summary>Forgets the actors the sample did not see (they died).</summary>
    public void EndSample()
    {
        List<Track>? gone = null;
        foreach (Track track in _byAddress.Values)
        {
            if (track.Generation != _generation)
            {
                (gone ??= []).Add(track);
            }
        }

        foreach (Track track in gone ?? [])
        {
            _byAddress.Remove(track.Address);
            _byHandle.Remove(track.Handle);
        }
    }

    /// <summary>The handle of a live local actor (made up now if the last sample did not see it yet); null for any other.</summary>
    public string? HandleOf(Address address)
    {
        if (address.IsEmpty || address.IsDead || !ActorIntrospection.IsLocal(address))
        {
            return null;
        }

        return TrackOf(address).Handle;
    }

    public bool TryResolve(string handle, out Address address)
    {
        if (_byHandle.TryGetValue(handle, out Track? track) && !track.Address.IsDead)
        {
            address = track.Address;
            return true;
        }

        address = default;
        return false;
    }

    public void Clear()
    {
        _byAddress.Clear();
        _byHandle.Clear();
    }

    /// <summary>Whether <paramref name="text"/> has the shape of a handle (checked before any lookup).</summary>
    public static bool IsHandle(string? text) => text is { Length: 16 } && text.All(char.IsAsciiHexDigitLower);

    private Track TrackOf(Address address)
    {
        if (_byAddress.TryGetValue(address, out Track? track))
        {
            return track;
        }

        string handle;
        do
        {
            handle = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        }
        while (_byHandle.ContainsKey(handle));

        track = new Track(address, handle) { Generation = _generation };
        _byAddress.Add(address, track);
        _byHandle.Add(handle, track);
        return track;
    }

    internal sealed class Track(Address address, string handle)
    {
        public Address Address { get; } = address;

        public string Handle { get; } = handle;

        public int Generation { get; set; }

        public uint Handled { get; set; }

        public long SampledAt { get; set; }

        /// <summary>Messages per second between the last two samples.</summary>
        public double Rate { get; set; }
    }
}
