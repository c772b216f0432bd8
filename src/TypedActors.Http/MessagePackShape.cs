using MessagePack;

namespace TypedActors.Http;

/// <summary>
/// Checks that a MessagePack body is exactly one well-formed value nested no deeper than a limit, iteratively (a
/// hostile body cannot exhaust the stack) and before any formatter reads it.
/// </summary>
internal static class MessagePackShape
{
    public enum Verdict
    {
        Valid,
        Malformed,
        TooDeep,
    }

    public static Verdict Check(ReadOnlyMemory<byte> body, int maxDepth)
    {
        var reader = new MessagePackReader(body);
        var pending = new Stack<long>(); // values still to read in each open array or map
        long remaining = 1; // values still to read at the current level
        try
        {
            while (true)
            {
                while (remaining == 0)
                {
                    if (pending.Count == 0)
                    {
                        return reader.End ? Verdict.Valid : Verdict.Malformed; // trailing bytes after the value
                    }

                    remaining = pending.Pop();
                }

                remaining--;
                long children;
                switch (reader.NextMessagePackType)
                {
                    case MessagePackType.Array:
                        children = reader.ReadArrayHeader();
                        break;
                    case MessagePackType.Map:
                        children = 2L * reader.ReadMapHeader();
                        break;
                    default:
                        reader.Skip(); // a scalar, string, binary or extension: no nesting
                        continue;
                }

                if (children == 0)
                {
                    continue;
                }

                if (pending.Count + 1 > maxDepth)
                {
                    return Verdict.TooDeep;
                }

                pending.Push(remaining);
                remaining = children;
            }
        }
        catch (Exception exception) when (exception is MessagePackSerializationException or EndOfStreamException
            or ArgumentException or OverflowException or InvalidOperationException)
        {
            // The reader's ways of saying the bytes are not MessagePack: a header that declares more than the body
            // holds (ArgumentOutOfRangeException for a length of 2^31 or more, EndOfStreamException below), a
            // reserved code, a truncated value.
            return Verdict.Malformed;
        }
    }
}
