using System.ComponentModel;
using TypedActors.Copying;
using TypedActors.Dispatching;

namespace TypedActors.CompilerServices;

/// <summary>
/// The typed send path the generated <c>Tell</c>/<c>Ask</c> extension methods call: the message is copied by the copier
/// bound statically to its declared type (<see cref="Copier{T}"/>), then delivered without a second copy.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TypedMessages
{
    /// <summary>Sends a copy of <paramref name="message"/>.</summary>
    public static void Tell<TMessage>(Address address, TMessage message)
        where TMessage : notnull
    {
        ThrowIfNull(message);
        address.SendCopied(Copier<TMessage>.Copy(message));
    }

    /// <summary>Sends a copy of <paramref name="message"/>, waiting while the actor's mailbox is full (see <see cref="Address.SendAsync"/>).</summary>
    public static ValueTask TellAsync<TMessage>(Address address, TMessage message, CancellationToken cancellationToken)
        where TMessage : notnull
    {
        ThrowIfNull(message);
        return address.SendCopiedAsync(Copier<TMessage>.Copy(message), cancellationToken);
    }

    /// <summary>
    /// Sends a copy of <paramref name="message"/> as <see cref="Tell{TMessage}"/> does, and says whether it was queued:
    /// false when the actor's full mailbox refused it (it is then a dead letter, <see cref="DeadLetterReason.MailboxFull"/>).
    /// </summary>
    public static bool TryTell<TMessage>(Address address, TMessage message)
        where TMessage : notnull
    {
        ThrowIfNull(message);
        return address.TrySendCopied(Copier<TMessage>.Copy(message));
    }

    /// <summary>Sends a copy of <paramref name="message"/> and waits for a copy of the reply.</summary>
    public static Task<TReply> Ask<TMessage, TReply>(
        Address address, TMessage message, TimeSpan? timeout, CancellationToken cancellationToken)
        where TMessage : notnull
    {
        ThrowIfNull(message);
        return address.AskCopied<TReply>(Copier<TMessage>.Copy(message), timeout, cancellationToken);
    }

    /// <summary>Sends a copy of <paramref name="message"/> and waits until its handler has finished.</summary>
    public static Task Ask<TMessage>(Address address, TMessage message, TimeSpan? timeout, CancellationToken cancellationToken)
        where TMessage : notnull =>
        Ask<TMessage, NoReply>(address, message, timeout, cancellationToken);

    // Not ArgumentNullException.ThrowIfNull(object): for a struct message that would box it just to test it.
    private static void ThrowIfNull<TMessage>(TMessage message)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }
    }
}
