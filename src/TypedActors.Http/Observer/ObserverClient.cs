using System.Threading.Channels;

namespace TypedActors.Http.Observer;

/// <summary>
/// One connected page. Frames wait for it in a queue of one: a newer frame replaces one the page has not taken yet, so
/// a page that reads slowly (a slow network, a throttled background tab) sees fewer updates but never makes the server
/// hold more than the frame it is sending and the one after it. The sampler never waits for a page.
/// </summary>
internal sealed class ObserverClient
{
    private readonly Channel<byte[]> _frames;
    private long _dropped;

    public ObserverClient()
    {
        _frames = Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Frames replaced before the page took them.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Frames waiting for the page (0 or 1).</summary>
    public int Waiting => _frames.Reader.Count;

    /// <summary>Offers a frame without waiting; it replaces a waiting one.</summary>
    public void Offer(byte[] frame) => _frames.Writer.TryWrite(frame);

    public IAsyncEnumerable<byte[]> ReadAllAsync(CancellationToken cancellationToken) => _frames.Reader.ReadAllAsync(cancellationToken);

    public void Complete() => _frames.Writer.TryComplete();
}
