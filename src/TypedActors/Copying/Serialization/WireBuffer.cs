using System.Buffers;

namespace TypedActors.Copying.Serialization;

/// <summary>
/// One reusable buffer per thread for writing wire payloads, so a message or reply costs one array (its exact bytes)
/// rather than a growing buffer and then the copy. Taken while in use, so a writer that writes another payload meanwhile
/// gets a buffer of its own.
/// </summary>
internal static class WireBuffer
{
    /// <summary>A buffer that grew past this for one large payload is not kept for the next.</summary>
    private const int MaxRetained = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public static ArrayBufferWriter<byte> Take()
    {
        ArrayBufferWriter<byte> buffer = t_buffer ?? new ArrayBufferWriter<byte>();
        t_buffer = null;
        return buffer;
    }

    /// <summary>Copies out what was written and keeps the buffer for the next payload on this thread.</summary>
    public static byte[] ToArrayAndReturn(ArrayBufferWriter<byte> buffer)
    {
        byte[] written = buffer.WrittenSpan.ToArray();
        Return(buffer);
        return written;
    }

    public static void Return(ArrayBufferWriter<byte> buffer)
    {
        if (buffer.Capacity <= MaxRetained)
        {
            buffer.ResetWrittenCount();
            t_buffer = buffer;
        }
    }
}
