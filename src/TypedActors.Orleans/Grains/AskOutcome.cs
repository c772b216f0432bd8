using MessagePack;

namespace TypedActors.Orleans.Grains;

/// <summary>How an ask failed on the remote side.</summary>
internal enum FailureKind : byte
{
    /// <summary>The actor is dead: <c>Reason</c> says why.</summary>
    Dead = 1,

    /// <summary>The actor has no handler for the message.</summary>
    Unhandled,

    /// <summary>A selective receive took the request.</summary>
    NotAnswered,

    /// <summary>The handler threw.</summary>
    Handler,

    /// <summary>A delivery of a batch could not be delivered (its message could not be read): like a failed call.</summary>
    Undelivered,

    /// <summary>The actor's mailbox was full: the request was refused, and is a dead letter where the actor lives.</summary>
    MailboxFull,
}

/// <summary>
/// The outcome of an ask as it crosses the Orleans boundary: one byte array, which Orleans carries as it is, with no
/// codec of its own (a record of six fields measurably cost more per call). The first byte says what follows: 0, the
/// reply in the wire format (nothing for a handler without a value, see <see cref="Remoting.WireReply"/>);
/// otherwise the <see cref="FailureKind"/>, then <c>[exit kind or nil, exception type, message, stack trace]</c>.
/// </summary>
internal readonly record struct AskOutcome(
    FailureKind? Failure,
    ReadOnlyMemory<byte> Value,
    WireExitReason? Reason,
    string? ExceptionType,
    string? Message,
    string? StackTrace)
{
    /// <summary>The bytes in front of a reply: one, zero for success.</summary>
    public const int HeaderLength = 1;

    private const byte PendingKind = 0xFF;

    /// <summary>
    /// In a batch's answer, in place of an ask the actor did not answer on the spot: 0xFF, then the token (8 bytes,
    /// little-endian) its sender fetches the answer with (see <see cref="PendingAnswers"/>). Never read by <see cref="Read"/>.
    /// </summary>
    public static byte[] PendingAs(long token)
    {
        byte[] pending = new byte[9];
        pending[0] = PendingKind;
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(pending.AsSpan(1), token);
        return pending;
    }

    /// <summary>Whether <paramref name="outcome"/> is a pending answer, and its token.</summary>
    public static bool IsPending(byte[] outcome, out long token)
    {
        if (outcome is [PendingKind, _, _, _, _, _, _, _, _])
        {
            token = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(outcome.AsSpan(1));
            return true;
        }

        token = 0;
        return false;
    }

    /// <summary>A delivery that was not delivered (a batch's message that could not be read, an answer not found).</summary>
    public static byte[] Undelivered(string? exceptionType, string message) =>
        Failed(FailureKind.Undelivered, null, exceptionType, message, null);

    public static byte[] Dead(ExitReason reason) => Failed(FailureKind.Dead, WireExitReason.From(reason), null, null, null);

    public static byte[] Failed(FailureKind failure, WireExitReason? reason, string? exceptionType, string? message, string? stackTrace)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        buffer.GetSpan(HeaderLength)[0] = (byte)failure;
        buffer.Advance(HeaderLength);
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(4);
        if (reason is null)
        {
            writer.WriteNil();
            writer.Write(exceptionType);
            writer.Write(message);
            writer.Write(stackTrace);
        }
        else
        {
            writer.Write(reason.Kind);
            writer.Write(reason.ExceptionType);
            writer.Write(reason.Message);
            writer.Write(reason.StackTrace);
        }

        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <exception cref="MessagePackSerializationException">The bytes are not an ask outcome.</exception>
    public static AskOutcome Read(byte[] outcome)
    {
        try
        {
            return ReadChecked(outcome);
        }
        catch (EndOfStreamException exception)
        {
            throw new MessagePackSerializationException("An ask outcome is truncated.", exception);
        }
    }

    private static AskOutcome ReadChecked(byte[] outcome)
{
        if (outcome.Length < HeaderLength)
        {
            throw new MessagePackSerializationException("An ask outcome is empty.");
        }

        if (outcome[0] == 0)
        {
            return new AskOutcome(null, outcome.AsMemory(HeaderLength), null, null, null, null);
        }

        var failure = (FailureKind)outcome[0];
        if (failure is < FailureKind.Dead or > FailureKind.MailboxFull)
        {
            throw new MessagePackSerializationException($"An ask outcome has an unknown kind {outcome[0]}.");
        }

        var reader = new MessagePackReader(outcome.AsMemory(HeaderLength));
        if (reader.ReadArrayHeader() != 4)
        {
            throw new MessagePackSerializationException("An ask failure must have four fields.");
        }

        int? exitKind = reader.TryReadNil() ? null : reader.ReadInt32();
        string? exceptionType = reader.ReadString();
        string? message = reader.ReadString();
        string? stackTrace = reader.ReadString();
        return exitKind is { } kind
            ? new AskOutcome(failure, default, new WireExitReason(kind, exceptionType, message, stackTrace), null, null, null)
            : new AskOutcome(failure, default, null, exceptionType, message, stackTrace);
    }
}
