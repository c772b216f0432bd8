using System.Buffers;

namespace TypedActors.State;

/// <summary>
/// The buffer a snapshot is written into: it never grows past the snapshot's byte limit (a request for more fails
/// with <see cref="StateTooLargeException"/> before anything is allocated) and can be rewound to drop a value that
/// failed half-way.
/// </summary>
internal sealed class StateBuffer : IBufferWriter<byte>
{
    private readonly int _maxBytes;
    private byte[] _bytes = new byte[256];
    private int _length;

    public StateBuffer(int maxBytes) => _maxBytes = maxBytes;

    /// <summary>How many bytes are written.</summary>
    public int Length => _length;

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

    /// <summary>Drops everything written after <paramref name="length"/>.</summary>
    public void Rewind(int length) => _length = length;

    public void Advance(int count)
    {
        if (count < 0 || _length + count > _bytes.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _bytes.AsMemory(_length, Math.Min(_bytes.Length, _maxBytes) - _length);
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    private void Reserve(int sizeHint)
    {
        int needed = _length + Math.Max(sizeHint, 1);
        if (needed > _maxBytes || needed < 0)
        {
            throw new StateTooLargeException(_maxBytes);
        }

        if (needed > _bytes.Length)
        {
            int capacity = (int)Math.Min(Math.Max(needed, 2L * _bytes.Length), _maxBytes);
            Array.Resize(ref _bytes, capacity);
        }
    }
}
