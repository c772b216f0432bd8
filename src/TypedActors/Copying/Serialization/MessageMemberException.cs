using System.ComponentModel;
using MessagePack;

namespace TypedActors.Copying.Serialization;

/// <summary>
/// A message could not be read because one of its members could not: <see cref="MemberPath"/> names it, from the
/// outermost message inwards (<c>Order.Lines.Sku</c> reads as <c>Lines.Sku</c>). Thrown by generated formatters so a
/// gateway can tell a client which field of its request is wrong without exposing server types.
/// </summary>
public sealed class MessageMemberException : MessagePackSerializationException
{
    private MessageMemberException(string memberPath, Exception innerException)
        : base($"The member '{memberPath}' could not be read: {Innermost(innerException).Message}", innerException)
    {
        MemberPath = memberPath;
    }

    private MessageMemberException(string memberPath)
        : base($"'{memberPath}' is not a member of the message.")
    {
        MemberPath = memberPath;
        IsUnknownMember = true;
    }

    /// <summary>The path of the member that could not be read, member names joined by dots.</summary>
    public string MemberPath { get; }

    /// <summary>
    /// True when the member is not part of the message at all (read with
    /// <see cref="ActorMessagePackOptions.RejectUnknownMembers"/>), rather than holding an invalid value.
    /// </summary>
    public bool IsUnknownMember { get; }

    /// <summary>The failure of a strict read that met a key naming no member.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static MessageMemberException Unknown(string? key) => new(key ?? "(nil)");

    /// <summary>Wraps the failure to read <paramref name="member"/>, prefixing the path of a nested failure.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static MessageMemberException Wrap(string member, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure switch
        {
            MessageMemberException { IsUnknownMember: true } unknown => new MessageMemberException(member + "." + unknown.MemberPath),
            MessageMemberException nested => new MessageMemberException(member + "." + nested.MemberPath, nested.InnerException!),
            _ => new MessageMemberException(member, failure),
        };
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is { } inner)
        {
            exception = inner;
        }

        return exception;
    }
}
